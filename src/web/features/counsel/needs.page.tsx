import { Anchor, Button, Card, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Need } from '../../../contracts/counsel.contract';
import { ACCESS } from '../../app/nav.config';
import { useFormat } from '../../app/use-format';
import { useHasRole } from '../../app/use-me';
import { FormModal, useFormModalActions } from '../../components/form-modal.component';
import { notifyError } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { useNeeds, useRaiseNeed, useRecogniseNeed, useSupportNeed } from './counsel.api';
import { RecognisedBadge } from './counsel-badges.component';
import { checkNeed, emptyNeed, NEED_LIMITS, type NeedFormValues, needBody, sortNeeds } from './needs-model';

const listStyle = { listStyle: 'none', margin: 0, padding: 0 } as const;
const prose = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

/**
 * The needs register: what the organisation and its people need, raised by anyone and supported by
 * others. Recognised needs (the director's) come first, then by support; proposals serve them.
 */
export function NeedsPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const steering = useHasRole(ACCESS.decide);
  const needs = useNeeds();
  const [raising, raise] = useDisclosure(false);
  const items = sortNeeds(needs.data ?? []);

  return (
    <Stack gap="md" maw={860}>
      <PageHeader
        title={t('counsel.needs.title')}
        description={t('counsel.needs.intro')}
        actions={
          <Button onClick={raise.open} size={phone ? 'sm' : 'md'}>
            {t('counsel.needs.raise')}
          </Button>
        }
      />
      {needs.error ? (
        <ProblemAlert error={needs.error} />
      ) : !needs.data ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <Stack gap="xs" align="flex-start" py="md">
          <Text c="dimmed">{t('counsel.needs.none')}</Text>
          <Button variant="light" onClick={raise.open}>
            {t('counsel.needs.raiseFirst')}
          </Button>
        </Stack>
      ) : (
        <Stack gap="sm" component="ul" style={listStyle}>
          {items.map((need) => (
            <li key={need.id}>
              <NeedCard need={need} steering={steering} />
            </li>
          ))}
        </Stack>
      )}
      <RaiseNeedModal opened={raising} onClose={raise.close} />
    </Stack>
  );
}

function NeedCard({ need, steering }: { need: Need; steering: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const support = useSupportNeed();
  const recognise = useRecogniseNeed();
  return (
    <Card
      component="article"
      withBorder
      padding="md"
      radius="md"
      aria-label={need.what}
      style={need.recognised ? { borderColor: 'var(--mantine-color-green-6)', borderLeftWidth: 4 } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text fw={700} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            {need.what}
          </Text>
          {need.recognised && <RecognisedBadge />}
        </Group>
        <Text size="sm" style={prose}>
          <Text span size="sm" fw={600}>
            {t('counsel.needs.forWhom')}:{' '}
          </Text>
          {need.forWhom}
        </Text>
        <Text size="sm" style={prose}>
          <Text span size="sm" fw={600}>
            {t('counsel.needs.whyNow')}:{' '}
          </Text>
          {need.whyNow}
        </Text>
        <Text size="xs" c="dimmed">
          {t('counsel.needs.raisedBy', {
            name: need.raisedByName || t('counsel.history.someone'),
            date: format.date(need.raisedAt),
          })}
          {need.recognisedAt && ` · ${t('counsel.needs.recognisedOn', { date: format.date(need.recognisedAt) })}`}
        </Text>
        <Group gap="md" wrap="wrap">
          <Text size="sm">{t('counsel.needs.supporters', { count: need.supporters })}</Text>
          <Text size="sm">{t('counsel.needs.proposals', { count: need.proposals })}</Text>
        </Group>
        <Group gap="sm" wrap="wrap">
          <Button
            size="sm"
            variant={need.supportedByMe ? 'light' : 'filled'}
            loading={support.isPending}
            aria-pressed={need.supportedByMe}
            onClick={() =>
              support.mutate(
                { needId: need.id, support: !need.supportedByMe },
                { onError: (error) => notifyError(t, error) },
              )
            }
          >
            {need.supportedByMe ? t('counsel.needs.unsupport') : t('counsel.needs.support')}
          </Button>
          {steering && (
            <Button
              size="sm"
              variant={need.recognised ? 'default' : 'outline'}
              color={need.recognised ? undefined : 'green'}
              loading={recognise.isPending}
              onClick={() =>
                recognise.mutate(
                  { needId: need.id, recognised: !need.recognised },
                  { onError: (error) => notifyError(t, error) },
                )
              }
            >
              {need.recognised ? t('counsel.needs.unrecognise') : t('counsel.needs.recognise')}
            </Button>
          )}
          <Anchor component={Link} to={`/proposals/new?needId=${encodeURIComponent(need.id)}`} size="sm">
            {t('counsel.needs.propose')}
          </Anchor>
        </Group>
      </Stack>
    </Card>
  );
}

/** What is needed, for whom, and why now; whoever raises a need supports it. */
function RaiseNeedModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const raise = useRaiseNeed();
  const form = useForm<NeedFormValues>({
    initialValues: emptyNeed(),
    validate: (values) =>
      Object.fromEntries(
        Object.entries(checkNeed(values)).map(([field, problem]) => [
          field,
          problem === 'required' ? t('validation.required') : t('validation.too_big'),
        ]),
      ),
  });
  const { close, succeeded, failed } = useFormModalActions(form, raise, onClose);
  const submit = () => {
    if (form.validate().hasErrors) return;
    raise.mutate(needBody(form.values), { onSuccess: () => succeeded(t('counsel.needs.raised')), onError: failed });
  };
  return (
    <FormModal
      opened={opened}
      title={t('counsel.needs.raiseTitle')}
      submitLabel={t('counsel.needs.raiseSubmit')}
      saving={raise.isPending}
      error={raise.error}
      onSubmit={submit}
      onClose={close}
    >
      <Text size="sm" c="dimmed">
        {t('counsel.needs.raiseIntro')}
      </Text>
      <TextInput
        label={t('counsel.needs.what')}
        placeholder={t('counsel.needs.whatPlaceholder')}
        withAsterisk
        maxLength={NEED_LIMITS.what}
        data-autofocus
        {...form.getInputProps('what')}
      />
      <TextInput
        label={t('counsel.needs.forWhom')}
        placeholder={t('counsel.needs.forWhomPlaceholder')}
        withAsterisk
        maxLength={NEED_LIMITS.forWhom}
        {...form.getInputProps('forWhom')}
      />
      <Textarea
        label={t('counsel.needs.whyNow')}
        placeholder={t('counsel.needs.whyNowPlaceholder')}
        withAsterisk
        autosize
        minRows={3}
        maxRows={8}
        maxLength={NEED_LIMITS.whyNow}
        {...form.getInputProps('whyNow')}
      />
    </FormModal>
  );
}
