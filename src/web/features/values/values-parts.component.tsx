import { Button, Group, List, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/* Small parts the values page's sections share: a section's heading, a labelled list, edit and retire buttons. */

export function SectionTitle({ title, action }: { title: string; action?: ReactNode }) {
  return (
    <Group justify="space-between" align="center" mb="sm" gap="sm" wrap="nowrap">
      <Title order={2} size="h3" style={{ minWidth: 0 }}>
        {title}
      </Title>
      {action}
    </Group>
  );
}

/** A small heading with a list under it (behaviours of a value, conditions of an offering); nothing when empty. */
export function LabelledList({ label, items }: { label: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" mt="sm">
        {label}
      </Text>
      <List size="sm" spacing={2} mt={4}>
        {items.map((item) => (
          <List.Item key={item}>{item}</List.Item>
        ))}
      </List>
    </>
  );
}

/** Edit (while active) and retire/restore buttons of a value or an offering. */
export function EditRetireActions(props: {
  name: string;
  retired: boolean;
  editLabel: string;
  onEdit: () => void;
  onRetire: () => void;
}) {
  const { t } = useTranslation();
  const retireLabel = props.retired ? t('values.restore') : t('values.retire');
  return (
    <Group gap="xs" mt="sm">
      {!props.retired && (
        <Button size="sm" variant="light" onClick={props.onEdit} aria-label={props.editLabel}>
          {t('common.edit')}
        </Button>
      )}
      <Button
        size="sm"
        variant="subtle"
        color="gray"
        onClick={props.onRetire}
        aria-label={`${retireLabel}: ${props.name}`}
      >
        {retireLabel}
      </Button>
    </Group>
  );
}
