import {
  Alert,
  Box,
  Button,
  Card,
  Chip,
  Container,
  Group,
  PasswordInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXTRA_KINDS, type ExtraKind } from '../../../contracts/constants';
import type { CounterState } from '../../../contracts/workforce.contract';
import { apiPost, isApiError } from '../../app/api-client';
import { LanguageToggle } from '../../components/language-toggle.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useCounterAction, useCounterState, useCounterSteps } from './workforce.api';

/** A set-up link carries its token in the fragment (#setup=...), which never reaches a server. */
function setupToken(): string | null {
  return /(?:^#|&)setup=([\w-]+)/.exec(window.location.hash)?.[1] ?? null;
}

/** The shared counter device of a team: tap your name, enter your PIN, log an extra or take up a step. */
export function CounterPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('workforce.counter.title')} · Klantwerk`);
  const [setup, setSetup] = useState<'idle' | 'busy' | 'failed'>(setupToken() ? 'busy' : 'idle');
  const [setupError, setSetupError] = useState<unknown>(null);
  useEffect(() => {
    const token = setupToken();
    if (!token) return;
    apiPost('/api/v1/counter/activate', { token })
      .then(() => setSetup('idle'))
      .catch((error: unknown) => {
        setSetupError(error);
        setSetup('failed');
      })
      .finally(() => window.history.replaceState(null, '', '/counter'));
  }, []);
  const state = useCounterState(setup === 'idle');

  return (
    <Box component="main" mih="100vh" bg="gray.0" py="md" px="md">
      <Container size={720} px={0}>
        <Group justify="space-between" mb="md" h={40}>
          <Text fw={800} size="xl" c="blue.8">
            Klantwerk
          </Text>
          <LanguageToggle />
        </Group>
        {setup === 'failed' ? (
          <ProblemAlert error={setupError} />
        ) : state.error ? (
          isApiError(state.error) && state.error.code === 'counter_device_required' ? (
            <Alert color="yellow" title={t('workforce.counter.notSetUpTitle')}>
              {t('workforce.counter.notSetUp')}
            </Alert>
          ) : (
            <ProblemAlert error={state.error} />
          )
        ) : !state.data ? (
          <Text>{t('common.loading')}</Text>
        ) : state.data.current ? (
          <Working state={state.data} current={state.data.current} />
        ) : (
          <ChoosePerson state={state.data} />
        )}
      </Container>
    </Box>
  );
}

function ChoosePerson({ state }: { state: CounterState }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<{ id: string; name: string } | null>(null);
  const [pin, setPin] = useState('');
  const unlock = useCounterAction((body: { memberId: string; pin: string }) => apiPost('/api/v1/counter/unlock', body));
  return (
    <Stack>
      <Title order={1} size="h2">
        {state.device.teamName} · {state.device.name}
      </Title>
      {!chosen ? (
        <>
          <Text>{t('workforce.counter.tapName')}</Text>
          {state.people.length === 0 ? (
            <Text c="dimmed">{t('workforce.counter.nobody')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 2, sm: 3 }}>
              {state.people.map((person) => (
                <Button key={person.id} size="lg" variant="default" h={64} onClick={() => setChosen(person)}>
                  {person.name}
                </Button>
              ))}
            </SimpleGrid>
          )}
        </>
      ) : (
        <Card withBorder padding="lg">
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              unlock.mutate({ memberId: chosen.id, pin }, { onSettled: () => setPin('') });
            }}
          >
            <Stack>
              <Title order={2} size="h3">
                {chosen.name}
              </Title>
              <ProblemAlert error={unlock.error} />
              <PasswordInput
                label={t('workforce.counter.pin')}
                value={pin}
                onChange={(e) => setPin(e.currentTarget.value.replace(/\D/g, '').slice(0, 8))}
                inputMode="numeric"
                autoComplete="off"
                autoFocus
                required
              />
              <Group>
                <Button type="submit" size="md" loading={unlock.isPending} disabled={pin.length < 4}>
                  {t('workforce.counter.start')}
                </Button>
                <Button
                  variant="default"
                  size="md"
                  onClick={() => {
                    unlock.reset();
                    setChosen(null);
                    setPin('');
                  }}
                >
                  {t('workforce.counter.notMe')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
    </Stack>
  );
}

/** Signs the person out after the idle time without a tap or a key (the server ends it too). */
function useIdleSignOut(seconds: number, signOut: () => void) {
  const last = useRef(Date.now());
  useEffect(() => {
    const touch = () => (last.current = Date.now());
    const events = ['pointerdown', 'keydown'] as const;
    for (const event of events) window.addEventListener(event, touch);
    const timer = window.setInterval(() => {
      if (Date.now() - last.current > seconds * 1000) signOut();
    }, 1000);
    return () => {
      for (const event of events) window.removeEventListener(event, touch);
      window.clearInterval(timer);
    };
  }, [seconds, signOut]);
}

function Working({ state, current }: { state: CounterState; current: NonNullable<CounterState['current']> }) {
  const { t } = useTranslation();
  const lock = useCounterAction(() => apiPost('/api/v1/counter/lock'));
  const [idleSeconds] = useState(current.idleSeconds);
  const signOut = useRef(() => lock.mutate(undefined)).current;
  useIdleSignOut(idleSeconds, signOut);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={1} size="h2">
          {t('workforce.counter.hello', { name: current.name })}
        </Title>
        <Button color="red.8" size="md" onClick={() => lock.mutate(undefined)} loading={lock.isPending}>
          {t('workforce.counter.done')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('workforce.counter.idleNote', { seconds: idleSeconds, team: state.device.teamName })}
      </Text>
      <CounterExtraForm values={state.values} />
      <CounterSteps />
    </Stack>
  );
}

function CounterExtraForm({ values }: { values: CounterState['values'] }) {
  const { t } = useTranslation();
  const [occasion, setOccasion] = useState('');
  const [action, setAction] = useState('');
  const [kind, setKind] = useState<ExtraKind>('gift');
  const [cost, setCost] = useState('0');
  const [minutes, setMinutes] = useState('0');
  const [reason, setReason] = useState('');
  const [valueIds, setValueIds] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const log = useCounterAction((body: object) => apiPost('/api/v1/counter/extras', body));
  const needsReason = isApiError(log.error) && log.error.code === 'mandate_reason_required';
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="counter-extra">
      <Title order={2} size="h3" id="counter-extra" mb="sm">
        {t('workforce.counter.logTitle')}
      </Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          const costCents = Math.round(Number(cost.replace(',', '.')) * 100);
          log.mutate(
            {
              occasion: occasion.trim(),
              action: action.trim(),
              kind,
              costCents: Number.isFinite(costCents) ? costCents : -1,
              minutes: Number(minutes) || 0,
              ...(reason.trim() ? { aboveMandateReason: reason.trim() } : {}),
              valueIds,
            },
            {
              onSuccess: () => {
                setSaved(true);
                setOccasion('');
                setAction('');
                setCost('0');
                setMinutes('0');
                setReason('');
                setValueIds([]);
              },
            },
          );
        }}
      >
        <Stack>
          {saved && (
            <Alert color="green" role="status">
              {t('workforce.counter.logged')}
            </Alert>
          )}
          <ProblemAlert error={log.error} />
          <TextInput
            label={t('workforce.counter.occasion')}
            value={occasion}
            onChange={(e) => setOccasion(e.currentTarget.value)}
            required
            maxLength={500}
          />
          <TextInput
            label={t('workforce.counter.action')}
            value={action}
            onChange={(e) => setAction(e.currentTarget.value)}
            required
            maxLength={1000}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="counter-kind">
              {t('workforce.counter.kind')}
            </Text>
            <SegmentedControl
              aria-labelledby="counter-kind"
              value={kind}
              onChange={(value) => setKind(value as ExtraKind)}
              data={EXTRA_KINDS.map((k) => ({ value: k, label: t(`extras.kinds.${k}`) }))}
              fullWidth
            />
          </Stack>
          {values.length > 0 && (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="counter-values">
                {t('workforce.counter.values')}
              </Text>
              <Chip.Group multiple value={valueIds} onChange={setValueIds}>
                <Group gap={8} role="group" aria-labelledby="counter-values">
                  {values.map((value) => (
                    <Chip key={value.id} value={value.id} size="md" variant="outline">
                      {value.name}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </Stack>
          )}
          <Group grow>
            <TextInput
              label={t('workforce.counter.cost')}
              value={cost}
              onChange={(e) => setCost(e.currentTarget.value)}
              inputMode="decimal"
            />
            <TextInput
              label={t('workforce.counter.minutes')}
              value={minutes}
              onChange={(e) => setMinutes(e.currentTarget.value.replace(/\D/g, ''))}
              inputMode="numeric"
            />
          </Group>
          {needsReason && (
            <TextInput
              label={t('workforce.counter.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={500}
            />
          )}
          <Group>
            <Button type="submit" size="md" loading={log.isPending} disabled={!occasion.trim() || !action.trim()}>
              {t('workforce.counter.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function CounterSteps() {
  const { t } = useTranslation();
  const steps = useCounterSteps(true);
  const takeUp = useCounterAction((ids: { promiseId: string; stepId: string }) =>
    apiPost(
      `/api/v1/counter/promises/${encodeURIComponent(ids.promiseId)}/steps/${encodeURIComponent(ids.stepId)}/take-up`,
    ),
  );
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="counter-steps">
      <Title order={2} size="h3" id="counter-steps" mb="sm">
        {t('workforce.counter.stepsTitle')}
      </Title>
      <ProblemAlert error={steps.error ?? takeUp.error} />
      {steps.data && steps.data.length === 0 && <Text c="dimmed">{t('workforce.counter.noSteps')}</Text>}
      <Stack gap="sm">
        {steps.data?.map((step) => (
          <Group key={step.stepId} justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text fw={600}>{step.what}</Text>
              <Text size="sm" c="dimmed">
                {step.customer} · {step.promiseWhat} · {step.dueDate}
              </Text>
              {step.acceptedBy && <Text size="sm">{t('workforce.counter.takenUpBy', { name: step.acceptedBy })}</Text>}
            </Stack>
            <Button
              variant="light"
              aria-label={`${t('workforce.counter.takeUp')}: ${step.what}`}
              loading={takeUp.isPending && takeUp.variables?.stepId === step.stepId}
              onClick={() =>
                takeUp.mutate(
                  { promiseId: step.promiseId, stepId: step.stepId },
                  { onSuccess: () => void steps.refetch() },
                )
              }
            >
              {t('workforce.counter.takeUp')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
