import { Anchor, Box, Button, Checkbox, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../app/api-client';
import { formErrorsOf, newPromiseField } from '../../app/form-errors';
import { useTeams } from '../../app/teams.api';
import { isDay, useDays } from '../../app/use-days';
import { useDraft } from '../../app/use-draft';
import { useIdempotentSubmit } from '../../app/use-idempotent-submit';
import { useSignedInMe } from '../../app/use-me';
import { useOfferings } from '../../app/values.api';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { CustomerField } from './customer-field.component';
import { GuidelineBreaches } from './guideline-breaches.component';
import { HandoffStepsField } from './handoff-steps.component';
import {
  defaultOwnerTeam,
  emptyPromise,
  emptyStep,
  moveStepDays,
  OUTSIDE_PROFILE,
  offeringIdOf,
  type PromiseFormValues,
  toCreateBody,
} from './promise-form';
import { daysText } from './promise-labels';
import { type CheckInput, useCreatePromise, useGuidelineCheck } from './promises.api';

/** A stored draft as the form takes it: its steps get keys of this page's (the counter starts again after a reload). */
function normaliseDraft(draft: PromiseFormValues): PromiseFormValues {
  const steps = Array.isArray(draft.steps) && draft.steps.length > 0 ? draft.steps : [emptyStep()];
  return {
    ...draft,
    conditionsMet: Array.isArray(draft.conditionsMet) ? draft.conditionsMet : [],
    steps: steps.map((step) => ({ ...emptyStep(), ...step, key: emptyStep().key })),
  };
}

/** Record a promise to a customer with the hand-offs that keep it: one form, made for a phone. */
export function NewPromisePage() {
  const { t } = useTranslation();
  return (
    <Box maw={720}>
      <PageHeader title={t('promises.form.title')} description={t('promises.form.intro')} />
      <NewPromiseForm />
    </Box>
  );
}

/** Which guidelines the promise would break, asked while the form is filled in (400 ms after the last change). */
function useBreachesWhileTyping(values: PromiseFormValues, today: string) {
  const offeringId = offeringIdOf(values.offering);
  const checkable = offeringId !== undefined && isDay(values.dueDate) && values.dueDate >= today;
  const input: CheckInput | null = checkable
    ? { offeringId, dueDate: values.dueDate, conditionsMet: values.conditionsMet }
    : null;
  const key = input ? JSON.stringify(input) : '';
  const [debounced] = useDebouncedValue(key, 400);
  const check = useGuidelineCheck(debounced ? (JSON.parse(debounced) as CheckInput) : null);
  return key && debounced ? (check.data ?? []) : [];
}

function NewPromiseForm() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const days = useDays();
  const teams = useTeams();
  const offerings = useOfferings(false);
  const create = useCreatePromise();
  /** One key for this promise: a retry after a lost answer is saved once; a refusal stores nothing, so a corrected try may reuse it. */
  const idempotency = useIdempotentSubmit();
  /** What was typed survives a reload or a sign-in after the session ended (this tab, this person). */
  const draft = useDraft(`klantwerk.promiseDraft.${me.member?.id ?? me.user.id}`, emptyPromise(), normaliseDraft);
  /** The server asked for a reason the check had not shown (e.g. the offer profile changed meanwhile). */
  const [serverWantsReason, setServerWantsReason] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const myTeamIds = (me.member?.teams ?? []).map((team) => team.id);

  const form = useForm<PromiseFormValues>({
    initialValues: draft.initial,
    validate: {
      customerName: (v) =>
        !v.trim() ? t('validation.required') : v.trim().length > 200 ? t('validation.too_big') : null,
      contactPerson: (v) => (v.trim().length > 200 ? t('validation.too_big') : null),
      segment: (v) => (v.trim().length > 100 ? t('validation.too_big') : null),
      what: (v) => (!v.trim() ? t('validation.required') : v.trim().length > 1000 ? t('validation.too_big') : null),
      offering: (v) => (v ? null : t('promises.form.chooseOffering')),
      dueDate: (v) =>
        !isDay(v) ? t('validation.required') : v < days.today ? t('promises.fieldErrors.in_the_past') : null,
      ownerTeamId: (v) => (v ? null : t('validation.required')),
      steps: {
        teamId: (v) => (v ? null : t('validation.required')),
        what: (v) => (!v.trim() ? t('validation.required') : v.trim().length > 300 ? t('validation.too_big') : null),
        dueDate: (v, all) =>
          !isDay(v)
            ? t('validation.required')
            : v < days.today
              ? t('promises.fieldErrors.in_the_past')
              : isDay(all.dueDate) && v > all.dueDate
                ? t('promises.fieldErrors.after_promise')
                : null,
      },
      breachReason: (v) =>
        !needsReason
          ? null
          : !v.trim()
            ? t('promises.form.breachReasonRequired')
            : v.trim().length > 1000
              ? t('validation.too_big')
              : null,
    },
  });

  // Who delivers, once the teams are known: the first team I am not in (the first step too).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the teams arrive; afterwards the choice is the person's
  useEffect(() => {
    if (!teams.data || form.values.ownerTeamId) return;
    const owner = defaultOwnerTeam(teams.data, myTeamIds);
    form.setFieldValue('ownerTeamId', owner);
    if (!form.values.steps[0]?.teamId) form.setFieldValue('steps.0.teamId', owner);
    // Only when the teams arrive: afterwards the choice is the person's.
  }, [teams.data]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: new values are the trigger; keep is made afresh on each render
  useEffect(() => {
    draft.keep(form.values);
  }, [form.values]);

  const breaches = useBreachesWhileTyping(form.values, days.today);
  const needsReason = breaches.length > 0 || serverWantsReason;
  const offeringId = offeringIdOf(form.values.offering);
  const offering = offeringId ? offerings.data?.find((o) => o.id === offeringId) : undefined;
  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));

  const submit = form.onSubmit((values) => {
    create.mutate(
      { body: toCreateBody(values, needsReason), idempotencyKey: idempotency.key },
      {
        onSuccess: (promise) => {
          idempotency.settle('done');
          draft.keep(null);
          notifySuccess(t('promises.form.saved'));
          navigate(`/promises/${promise.id}`);
        },
        onError: (error) => {
          // The same key with another body is refused: the earlier try was saved, so a new try is a new promise.
          idempotency.settleError(error);
          if (isApiError(error) && error.code === 'guideline_reason_required') {
            setServerWantsReason(true);
            form.setFieldError('breachReason', t('promises.form.breachReasonRequired'));
            window.setTimeout(() => reasonRef.current?.focus(), 50);
            return;
          }
          form.setErrors(formErrorsOf(t, error, newPromiseField));
        },
      },
    );
  });

  const showProblem = create.error && !(isApiError(create.error) && create.error.code === 'guideline_reason_required');

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        {showProblem && (
          <Stack gap={4}>
            <ProblemAlert error={create.error} />
            {isApiError(create.error) && create.error.code === 'idempotency_key_reused' && (
              <Anchor component={Link} to="/promises" size="sm">
                {t('promises.form.checkList')}
              </Anchor>
            )}
          </Stack>
        )}

        <CustomerField
          value={form.values}
          errors={{
            customerName: form.errors.customerName,
            contactPerson: form.errors.contactPerson,
            segment: form.errors.segment,
          }}
          onChange={(changes) => {
            form.setValues(changes);
            for (const field of Object.keys(changes)) form.clearFieldError(field);
          }}
        />

        <Textarea
          label={t('promises.form.what')}
          placeholder={t('promises.form.whatPlaceholder')}
          withAsterisk
          autosize
          minRows={2}
          maxRows={6}
          maxLength={1000}
          {...form.getInputProps('what')}
        />

        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NativeSelect
            label={t('promises.form.offering')}
            withAsterisk
            description={
              offering?.leadTimeDays
                ? t('promises.form.leadTime', { days: daysText(t, offering.leadTimeDays) })
                : undefined
            }
            data={[
              { value: '', label: t('promises.form.chooseOfferingOption') },
              ...(offerings.data ?? []).map((o) => ({ value: o.id, label: o.name })),
              { value: OUTSIDE_PROFILE, label: t('promises.form.outsideProfile') },
            ]}
            {...form.getInputProps('offering')}
            onChange={(event) => {
              form.setFieldValue('offering', event.currentTarget.value);
              form.setFieldValue('conditionsMet', []);
            }}
          />
          <TextInput
            type="date"
            label={t('promises.form.dueDate')}
            withAsterisk
            min={days.today}
            {...form.getInputProps('dueDate')}
            onChange={(event) => {
              const day = event.currentTarget.value;
              form.setFieldValue('steps', moveStepDays(form.values.steps, form.values.dueDate, day));
              form.setFieldValue('dueDate', day);
            }}
          />
        </SimpleGrid>

        {offering && offering.conditions.length > 0 && (
          <Checkbox.Group
            label={t('promises.form.conditions')}
            description={t('promises.form.conditionsHint')}
            {...form.getInputProps('conditionsMet')}
          >
            <Stack gap={6} mt={6}>
              {offering.conditions.map((condition) => (
                <Checkbox key={condition} value={condition} label={condition} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}

        <NativeSelect
          label={t('promises.form.ownerTeam')}
          description={t('promises.form.ownerTeamHint')}
          withAsterisk
          data={[{ value: '', label: t('promises.form.chooseTeam') }, ...teamOptions]}
          {...form.getInputProps('ownerTeamId')}
        />

        <HandoffStepsField form={form} teams={teamOptions} today={days.today} />

        {needsReason && (
          <GuidelineBreaches
            breaches={breaches}
            serverWantsReason={serverWantsReason}
            reasonRef={reasonRef}
            reasonProps={form.getInputProps('breachReason')}
          />
        )}

        <Box
          style={
            phone
              ? {
                  position: 'sticky',
                  bottom: 0,
                  background: 'var(--mantine-color-body)',
                  padding: '8px 0 12px',
                  zIndex: 2,
                }
              : undefined
          }
        >
          <Button
            type="submit"
            size="lg"
            fullWidth={phone}
            loading={create.isPending}
            color={needsReason ? 'orange' : undefined}
          >
            {needsReason ? t('promises.form.saveAnyway') : t('promises.form.save')}
          </Button>
        </Box>
      </Stack>
    </form>
  );
}
