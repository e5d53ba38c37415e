import { ActionIcon, Badge, Button, Card, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoreValue, Offering, Purpose } from '../../../contracts/values.contract';
import { ACCESS } from '../../app/nav.config';
import { useHasRole } from '../../app/use-me';
import {
  useOfferings,
  usePurpose,
  useReorderValues,
  useSetOfferingRetired,
  useSetValueRetired,
  useValues,
} from '../../app/values.api';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { OfferingFormModal } from './offering-form.modal';
import { PurposeFormModal } from './purpose-form.modal';
import { ValueFormModal } from './value-form.modal';
import { EditRetireActions, LabelledList, SectionTitle } from './values-parts.component';

/** Purpose, core values and the offer profile: everyone reads them, the director and admin keep them. */
export function ValuesPage() {
  const { t } = useTranslation();
  const canEdit = useHasRole(ACCESS.manageValues);
  const [showRetired, setShowRetired] = useState(false);
  return (
    <>
      <PageHeader
        title={t('values.title')}
        description={t('values.intro')}
        actions={
          canEdit && (
            <Switch
              label={t('values.showRetired')}
              checked={showRetired}
              onChange={(event) => setShowRetired(event.currentTarget.checked)}
              size="md"
            />
          )
        }
      />
      <Stack gap="xl" maw={860}>
        <PurposeSection canEdit={canEdit} />
        <ValuesSection canEdit={canEdit} showRetired={canEdit && showRetired} />
        <OfferSection canEdit={canEdit} showRetired={canEdit && showRetired} />
      </Stack>
    </>
  );
}

function PurposeSection({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const purpose = usePurpose();
  const [editing, setEditing] = useState(false);
  return (
    <section>
      <SectionTitle
        title={t('values.purpose.title')}
        action={
          canEdit &&
          purpose.data && (
            <Button variant="light" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )
        }
      />
      {purpose.error ? (
        <ProblemAlert error={purpose.error} />
      ) : !purpose.data ? (
        <PageLoader />
      ) : (
        <>
          <Paper withBorder p="lg" radius="md" bg="blue.0">
            {purpose.data.purpose ? (
              <Text size="lg" style={{ whiteSpace: 'pre-wrap' }}>
                {purpose.data.purpose}
              </Text>
            ) : (
              <Text c="dimmed">{canEdit ? t('values.purpose.emptyEditor') : t('values.purpose.empty')}</Text>
            )}
          </Paper>
          {canEdit && <PurposeFormModal purpose={purpose.data} opened={editing} onClose={() => setEditing(false)} />}
        </>
      )}
    </section>
  );
}

function ValuesSection({ canEdit, showRetired }: { canEdit: boolean; showRetired: boolean }) {
  const { t } = useTranslation();
  const values = useValues(showRetired);
  const reorder = useReorderValues();
  const setRetired = useSetValueRetired();
  const [editing, setEditing] = useState<CoreValue | 'new' | null>(null);
  const active = (values.data ?? []).filter((v) => !v.retiredAt);
  const retired = (values.data ?? []).filter((v) => v.retiredAt);

  const move = (index: number, delta: -1 | 1) => {
    const ids = active.map((v) => v.id);
    const target = index + delta;
    if (target < 0 || target >= ids.length) return;
    [ids[index], ids[target]] = [ids[target]!, ids[index]!];
    reorder.mutate(ids, { onError: (error) => notifyError(t, error) });
  };
  const retire = (value: CoreValue, retire: boolean) =>
    setRetired.mutate(
      { valueId: value.id, retired: retire },
      {
        onSuccess: () =>
          notifySuccess(
            retire
              ? t('values.values.retired', { name: value.name })
              : t('values.values.restored', { name: value.name }),
          ),
        onError: (error) => notifyError(t, error),
      },
    );

  return (
    <section>
      <SectionTitle
        title={t('values.values.title')}
        action={
          canEdit && (
            <Button variant="light" onClick={() => setEditing('new')}>
              {t('values.values.add')}
            </Button>
          )
        }
      />
      {values.error ? (
        <ProblemAlert error={values.error} />
      ) : !values.data ? (
        <PageLoader />
      ) : values.data.length === 0 ? (
        <Text c="dimmed">{canEdit ? t('values.values.noneEditor') : t('values.values.none')}</Text>
      ) : (
        <Stack gap="sm">
          {[...active, ...retired].map((value) => {
            const index = active.indexOf(value);
            const isRetired = !!value.retiredAt;
            return (
              <Card
                key={value.id}
                withBorder
                padding="md"
                component="article"
                style={isRetired ? { opacity: 0.6 } : undefined}
              >
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                  <div style={{ minWidth: 0 }}>
                    <Group gap="xs">
                      <Title order={3} size="h4">
                        {value.name}
                      </Title>
                      {isRetired && (
                        <Badge color="gray" variant="light" tt="none">
                          {t('values.retiredBadge')}
                        </Badge>
                      )}
                    </Group>
                    {value.description && (
                      <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                        {value.description}
                      </Text>
                    )}
                  </div>
                  {canEdit && !isRetired && (
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="default"
                        size={40}
                        disabled={index === 0 || reorder.isPending}
                        aria-label={t('values.values.moveUp', { name: value.name })}
                        onClick={() => move(index, -1)}
                      >
                        <span aria-hidden="true">↑</span>
                      </ActionIcon>
                      <ActionIcon
                        variant="default"
                        size={40}
                        disabled={index === active.length - 1 || reorder.isPending}
                        aria-label={t('values.values.moveDown', { name: value.name })}
                        onClick={() => move(index, 1)}
                      >
                        <span aria-hidden="true">↓</span>
                      </ActionIcon>
                    </Group>
                  )}
                </Group>
                <LabelledList label={t('values.values.behavioursShort')} items={value.behaviours} />
                {canEdit && (
                  <EditRetireActions
                    name={value.name}
                    retired={isRetired}
                    editLabel={t('values.values.editTitle', { name: value.name })}
                    onEdit={() => setEditing(value)}
                    onRetire={() => retire(value, !isRetired)}
                  />
                )}
              </Card>
            );
          })}
        </Stack>
      )}
      {canEdit && (
        <ValueFormModal
          value={editing === 'new' ? null : editing}
          opened={editing !== null}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function OfferSection({ canEdit, showRetired }: { canEdit: boolean; showRetired: boolean }) {
  const { t } = useTranslation();
  const purpose = usePurpose();
  const offerings = useOfferings(showRetired);
  const setRetired = useSetOfferingRetired();
  const [editing, setEditing] = useState<Offering | 'new' | null>(null);
  const sorted = [...(offerings.data ?? [])].sort((a, b) => Number(!!a.retiredAt) - Number(!!b.retiredAt));
  const retire = (offering: Offering, retire: boolean) =>
    setRetired.mutate(
      { offeringId: offering.id, retired: retire },
      {
        onSuccess: () =>
          notifySuccess(
            retire
              ? t('values.offer.retired', { name: offering.name })
              : t('values.offer.restored', { name: offering.name }),
          ),
        onError: (error) => notifyError(t, error),
      },
    );

  return (
    <section>
      <SectionTitle
        title={t('values.offer.title')}
        action={
          canEdit && (
            <Button variant="light" onClick={() => setEditing('new')}>
              {t('values.offer.add')}
            </Button>
          )
        }
      />
      <OfferProfile purpose={purpose.data} />
      {offerings.error ? (
        <ProblemAlert error={offerings.error} />
      ) : !offerings.data ? (
        <PageLoader />
      ) : sorted.length === 0 ? (
        <Text c="dimmed" mt="sm">
          {canEdit ? t('values.offer.noneEditor') : t('values.offer.none')}
        </Text>
      ) : (
        <Stack gap="sm" mt="md">
          {sorted.map((offering) => {
            const isRetired = !!offering.retiredAt;
            return (
              <Card
                key={offering.id}
                withBorder
                padding="md"
                component="article"
                style={isRetired ? { opacity: 0.6 } : undefined}
              >
                <Group gap="xs">
                  <Title order={3} size="h4">
                    {offering.name}
                  </Title>
                  {isRetired && (
                    <Badge color="gray" variant="light" tt="none">
                      {t('values.retiredBadge')}
                    </Badge>
                  )}
                </Group>
                {offering.description && (
                  <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                    {offering.description}
                  </Text>
                )}
                <Group gap="lg" mt="xs">
                  {offering.audience && (
                    <Text size="sm">
                      <Text span c="dimmed" size="sm">
                        {t('values.offer.forWhom')}:
                      </Text>{' '}
                      {offering.audience}
                    </Text>
                  )}
                  <Text size="sm">
                    <Text span c="dimmed" size="sm">
                      {t('values.offer.leadTime')}:
                    </Text>{' '}
                    {offering.leadTimeDays === null
                      ? t('values.offer.noLeadTime')
                      : t('values.offer.leadTimeDays', { count: offering.leadTimeDays })}
                  </Text>
                </Group>
                <LabelledList label={t('values.offer.conditions')} items={offering.conditions} />
                {canEdit && (
                  <EditRetireActions
                    name={offering.name}
                    retired={isRetired}
                    editLabel={t('values.offer.editTitle', { name: offering.name })}
                    onEdit={() => setEditing(offering)}
                    onRetire={() => retire(offering, !isRetired)}
                  />
                )}
              </Card>
            );
          })}
        </Stack>
      )}
      {canEdit && (
        <OfferingFormModal
          offering={editing === 'new' ? null : editing}
          opened={editing !== null}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function OfferProfile({ purpose }: { purpose: Purpose | undefined }) {
  const { t } = useTranslation();
  if (!purpose || (!purpose.offerSummary && !purpose.audience)) return null;
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        {purpose.offerSummary && (
          <div>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t('values.offer.summary')}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{purpose.offerSummary}</Text>
          </div>
        )}
        {purpose.audience && (
          <div>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t('values.offer.audience')}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{purpose.audience}</Text>
          </div>
        )}
      </Stack>
    </Paper>
  );
}
