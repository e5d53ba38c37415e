import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mandate, MandateScope } from '../../../contracts/extras.contract';
import { kindLabel } from '../../app/extra-labels';
import { ACCESS } from '../../app/nav.config';
import { useFormat } from '../../app/use-format';
import { useHasRole } from '../../app/use-me';
import { ConfirmModal } from '../../components/confirm.modal';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { MandateFormModal } from './mandate-form.modal';
import { useDeleteMandate, useMandates } from './mandates.api';

const GROUPS: MandateScope['type'][] = ['role', 'team', 'member'];

/** The room people have to do something extra for a customer: per role, team or person. */
export function MandatesPage() {
  const { t } = useTranslation();
  const canEdit = useHasRole(ACCESS.manageMandates);
  const mandates = useMandates();
  const [editing, setEditing] = useState<Mandate | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Mandate | null>(null);
  const remove = useDeleteMandate();

  return (
    <>
      <PageHeader
        title={t('mandates.title')}
        description={canEdit ? t('mandates.intro') : `${t('mandates.intro')} ${t('mandates.readOnly')}`}
        actions={canEdit && <Button onClick={() => setEditing('new')}>{t('mandates.set')}</Button>}
      />
      {mandates.error ? (
        <ProblemAlert error={mandates.error} />
      ) : !mandates.data ? (
        <PageLoader />
      ) : mandates.data.length === 0 ? (
        <Text c="dimmed">{canEdit ? t('mandates.noneEditor') : t('mandates.none')}</Text>
      ) : (
        <Stack gap="xl">
          {GROUPS.map((type) => {
            const items = mandates.data.filter((m) => m.scope.type === type);
            if (items.length === 0) return null;
            return (
              <section key={type}>
                <Title order={2} size="h4" mb="sm">
                  {type === 'role'
                    ? t('mandates.groupRoles')
                    : type === 'team'
                      ? t('mandates.groupTeams')
                      : t('mandates.groupMembers')}
                </Title>
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
                  {items.map((mandate) => (
                    <MandateCard
                      key={mandate.id}
                      mandate={mandate}
                      onEdit={canEdit ? () => setEditing(mandate) : null}
                      onDelete={canEdit ? () => setDeleting(mandate) : null}
                    />
                  ))}
                </SimpleGrid>
              </section>
            );
          })}
        </Stack>
      )}
      {canEdit && (
        <>
          <MandateFormModal
            mandate={editing === 'new' ? null : editing}
            opened={editing !== null}
            onClose={() => setEditing(null)}
          />
          <ConfirmModal
            opened={!!deleting}
            title={t('mandates.deleteTitle', { name: deleting?.scopeName })}
            message={t('mandates.deleteText')}
            confirmLabel={t('mandates.delete')}
            loading={remove.isPending}
            error={remove.error}
            onClose={() => {
              remove.reset();
              setDeleting(null);
            }}
            onConfirm={() =>
              deleting &&
              remove.mutate(deleting.id, {
                onSuccess: () => {
                  notifySuccess(t('mandates.deleted', { name: deleting.scopeName }));
                  setDeleting(null);
                },
              })
            }
          />
        </>
      )}
    </>
  );
}

function MandateCard({
  mandate,
  onEdit,
  onDelete,
}: {
  mandate: Mandate;
  onEdit: (() => void) | null;
  onDelete: (() => void) | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = mandate.scope.type === 'role' ? t(`roles.${mandate.scope.role}`) : mandate.scopeName;
  const budget = format.money(mandate.budgetCents / 100);
  return (
    <Card withBorder padding="md" component="article">
      <Text fw={700}>{name}</Text>
      <Text size="sm" mt={4}>
        {mandate.period === 'week'
          ? t('mandates.budgetWeek', { amount: budget })
          : t('mandates.budgetMonth', { amount: budget })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('extras.mandate.maxPerExtra', { amount: format.money(mandate.maxPerExtraCents / 100) })}
      </Text>
      <Group gap={4} mt="xs">
        {mandate.allowedKinds.map((kind) => (
          <Badge key={kind} variant="light" color="blue" tt="none">
            {kindLabel(t, kind)}
          </Badge>
        ))}
      </Group>
      {(onEdit || onDelete) && (
        <Group gap="xs" mt="sm">
          {onEdit && (
            <Button size="sm" variant="light" onClick={onEdit} aria-label={t('mandates.editTitle', { name })}>
              {t('common.edit')}
            </Button>
          )}
          {onDelete && (
            <Button
              size="sm"
              variant="subtle"
              color="red"
              onClick={onDelete}
              aria-label={t('mandates.deleteTitle', { name })}
            >
              {t('mandates.delete')}
            </Button>
          )}
        </Group>
      )}
    </Card>
  );
}
