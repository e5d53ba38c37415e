import { Checkbox, SimpleGrid } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_ORDER } from '../app/roles';

interface RoleCheckboxesProps {
  label: string;
  value: string[];
  onChange: (value: string[]) => void;
  error?: ReactNode;
}

/** The five roles as checkboxes (several may apply): easy to tap, and one labelled group for assistive tech. */
export function RoleCheckboxes({ label, value, onChange, error }: RoleCheckboxesProps) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group label={label} value={value} onChange={onChange} error={error}>
      <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="sm" verticalSpacing="sm" mt={6}>
        {ROLE_ORDER.map((role) => (
          <Checkbox key={role} value={role} label={t(`roles.${role}`)} size="md" />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
