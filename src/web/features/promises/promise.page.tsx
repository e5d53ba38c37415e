import { Alert, Anchor, Button, Card, DataList, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PromiseDetail } from '../../../contracts/promises.contract';
import { isApiError } from '../../app/api-client';
import { ACCESS } from '../../app/nav.config';
import { useDays } from '../../app/use-days';
import { useFormat } from '../../app/use-format';
import { useHasRole, useSignedInMe } from '../../app/use-me';
import { mayAskForPromise } from '../../app/voice-links';
import { ConfirmModal } from '../../components/confirm.modal';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { ReactionLinkCard } from '../../components/reaction-link.component';
import { NotFoundPage } from '../../components/status-pages.component';
import { useIsPhone } from '../../components/use-is-phone';
import { DeliveryModal } from './delivery.modal';
import { BreachList, PromiseStatusBadge } from './promise-badges.component';
import { PromiseHistory } from './promise-history.component';
import { PromiseSteps } from './promise-steps.component';
import { useForgetCustomer, usePromise } from './promises.api';
import { RenegotiateModal } from './renegotiate.modal';

export function PromisePage() {
  const { promiseId = '' } = useParams();
  const promise = usePromise(promiseId);
  if (promise.error && isApiError(promise.error) && (promise.error.status === 404 || promise.error.status === 400))
    return <NotFoundPage />;
  if (promise.error) return <ProblemAlert error={promise.error} />;
  if (!promise.data) return <PageLoader />;
  return <PromiseView promise={promise.data} />;
}

function PromiseView({ promise }: { promise: PromiseDetail }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const canAskCustomer = mayAskForPromise(me.member, {
    madeById: promise.madeBy.id,
    ownerTeamId: promise.ownerTeam.id,
  });
  return (
    <Stack gap="md" maw={820}>
      <div>
        <Anchor component={Link} to="/promises" size="sm">
          ← {t('promises.detail.back')}
        </Anchor>
      </div>
      <PageHeader title={t('promises.detail.title', { customer: promise.customer.name })} />
      <PromiseFacts promise={promise} />
      {canAskCustomer && <ReactionLinkCard subject="promise" id={promise.id} ready={!!promise.deliveredOn} />}
      {promise.breaches.length > 0 && (
        <Alert color="yellow" title={t('promises.detail.breachesTitle')}>
          <Stack gap={6}>
            <BreachList breaches={promise.breaches} />
            {promise.breachReason && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {t('promises.detail.breachReason', { reason: promise.breachReason })}
              </Text>
            )}
          </Stack>
        </Alert>
      )}
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="md">
          {t('promises.detail.stepsTitle')}
        </Title>
        <PromiseSteps promise={promise} />
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="md">
          {t('promises.detail.historyTitle')}
        </Title>
        <PromiseHistory promise={promise} />
      </Card>
    </Stack>
  );
}

/** What was promised to whom, by when, and where it stands; the leads' actions below. */
function PromiseFacts({ promise }: { promise: PromiseDetail }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const format = useFormat();
  const days = useDays();
  const [renegotiateOpened, renegotiate] = useDisclosure(false);
  const [deliveryOpened, delivery] = useDisclosure(false);
  const customerExtra = [promise.customer.contactPerson, promise.customer.segment].filter(Boolean).join(' · ');
  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <Group gap="sm" justify="space-between" align="flex-start" wrap="nowrap">
          <Text fw={600} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', minWidth: 0 }}>
            {promise.what}
          </Text>
          <PromiseStatusBadge status={promise.status} size="lg" />
        </Group>
        <DataList orientation={phone ? 'vertical' : 'horizontal'} labelWidth="10rem" gap="xs">
          <DataList.Item>
            <DataList.ItemLabel>{t('promises.detail.customer')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {promise.customer.name}
              {customerExtra && (
                <Text span size="sm" c="dimmed">
                  {' '}
                  · {customerExtra}
                </Text>
              )}
              {promise.customer.pseudonymised ? (
                <Text span size="sm" c="dimmed">
                  {' '}
                  · {t('promises.forget.done')}
                </Text>
              ) : (
                <ForgetCustomer customer={promise.customer} />
              )}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('promises.detail.dueDate')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {days.day(promise.dueDate)}
              {promise.renegotiations > 0 && (
                <Text span size="sm" c="dimmed">
                  {' '}
                  · {t('promises.detail.renegotiations', { count: promise.renegotiations })}
                </Text>
              )}
            </DataList.ItemValue>
          </DataList.Item>
          {promise.deliveredOn && (
            <DataList.Item>
              <DataList.ItemLabel>{t('promises.detail.deliveredOn')}</DataList.ItemLabel>
              <DataList.ItemValue>{days.day(promise.deliveredOn)}</DataList.ItemValue>
            </DataList.Item>
          )}
          <DataList.Item>
            <DataList.ItemLabel>{t('promises.detail.offering')}</DataList.ItemLabel>
            <DataList.ItemValue>{promise.offering?.name ?? t('promises.form.outsideProfile')}</DataList.ItemValue>
          </DataList.Item>
          {promise.conditionsMet.length > 0 && (
            <DataList.Item>
              <DataList.ItemLabel>{t('promises.detail.conditionsMet')}</DataList.ItemLabel>
              <DataList.ItemValue>{promise.conditionsMet.join('; ')}</DataList.ItemValue>
            </DataList.Item>
          )}
          <DataList.Item>
            <DataList.ItemLabel>{t('promises.detail.ownerTeam')}</DataList.ItemLabel>
            <DataList.ItemValue>{promise.ownerTeam.name}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('promises.detail.madeBy')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {promise.makerTeam
                ? t('promises.detail.madeByTeam', { name: promise.madeBy.name, team: promise.makerTeam.name })
                : promise.madeBy.name}
              <Text span size="sm" c="dimmed">
                {' '}
                · {format.date(promise.createdAt, true)}
              </Text>
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
        {(promise.can.renegotiate || promise.can.deliver) && (
          <Group gap="sm">
            {promise.can.deliver && <Button onClick={delivery.open}>{t('promises.delivery.open')}</Button>}
            {promise.can.renegotiate && (
              <Button variant="default" onClick={renegotiate.open}>
                {t('promises.renegotiate.open')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <RenegotiateModal promise={promise} opened={renegotiateOpened} onClose={renegotiate.close} />
      <DeliveryModal promise={promise} opened={deliveryOpened} onClose={delivery.close} />
    </Card>
  );
}

/** A customer who asks to be forgotten: managers, directors and admins replace the name by a code. */
function ForgetCustomer({ customer }: { customer: PromiseDetail['customer'] }) {
  const { t } = useTranslation();
  const allowed = useHasRole(ACCESS.forgetCustomers);
  const [opened, { open, close }] = useDisclosure(false);
  const forget = useForgetCustomer();
  if (!allowed) return null;
  return (
    <>
      {' '}
      <Button
        size="compact-xs"
        variant="subtle"
        color="red"
        onClick={open}
        aria-label={t('promises.forget.label', { name: customer.name })}
      >
        {t('promises.forget.button')}
      </Button>
      <ConfirmModal
        opened={opened}
        title={t('promises.forget.title', { name: customer.name })}
        message={t('promises.forget.text')}
        confirmLabel={t('promises.forget.confirm')}
        loading={forget.isPending}
        error={forget.error}
        onClose={() => {
          forget.reset();
          close();
        }}
        onConfirm={() =>
          forget.mutate(customer.id, {
            onSuccess: () => {
              notifySuccess(t('promises.forget.forgotten'));
              close();
            },
          })
        }
      />
    </>
  );
}
