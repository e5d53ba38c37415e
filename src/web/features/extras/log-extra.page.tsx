import { Alert, Anchor, Box, Button, Checkbox, Group, Paper, Progress, SimpleGrid, Skeleton, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ExtraKind, ReactionScore } from '../../../contracts/constants';
import type { CreateExtraBody, Extra, MyMandate } from '../../../contracts/extras.contract';
import { isApiError, newIdempotencyKey } from '../../app/api-client';
import { isLanguage } from '../../app/i18n';
import { MAX_CENTS, parseEuroCents, parseWholeNumber } from '../../app/money';
import { applyFieldErrors } from '../../app/problem';
import { useFormat } from '../../app/use-format';
import { useSignedInMe } from '../../app/use-me';
import { PageHeader } from '../../components/page-header.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { SimilarStoriesHint } from '../stories/similar-stories.component';
import { usePurpose, useValues } from '../values/values.api';
import { KindPicker, ScoreButtons, SuggestionPills, ValuePicker } from './extra-fields.component';
import { kindLabel } from './extra-labels';
import { useCreateExtra, useExtraSuggestions, useMyMandate } from './extras.api';
import { type MandateExcess, mandateExcesses, usedPercent } from './mandate-check';

interface LogValues {
  occasion: string;
  action: string;
  kind: string;
  costCents: string;
  minutes: string;
  valueIds: string[];
  reactionScore: number | null;
  reactionText: string;
  customerRef: string;
  /** Empty: now. */
  occurredAt: string;
  aboveMandateReason: string;
  /** The author keeps this one out of the team feed (it still counts for the mandate). */
  keepOutOfFeed: boolean;
}

const EMPTY: LogValues = {
  occasion: '',
  action: '',
  kind: '',
  costCents: '',
  minutes: '',
  valueIds: [],
  reactionScore: null,
  reactionText: '',
  customerRef: '',
  occurredAt: '',
  aboveMandateReason: '',
  keepOutOfFeed: false,
};

/** What was typed survives a reload or a sign-in after the session ended (this tab only, per person). */
function draftKey(memberId: string) {
  return `klantwerk.extraDraft.${memberId}`;
}

function readDraft(memberId: string): LogValues {
  try {
    const text = window.sessionStorage.getItem(draftKey(memberId));
    if (!text) return EMPTY;
    const draft = JSON.parse(text) as Partial<LogValues>;
    return { ...EMPTY, ...draft, valueIds: Array.isArray(draft.valueIds) ? draft.valueIds : [], keepOutOfFeed: draft.keepOutOfFeed === true };
  } catch {
    return EMPTY;
  }
}

function writeDraft(memberId: string, values: LogValues | null) {
  try {
    if (!values || JSON.stringify(values) === JSON.stringify(EMPTY)) window.sessionStorage.removeItem(draftKey(memberId));
    else window.sessionStorage.setItem(draftKey(memberId), JSON.stringify(values));
  } catch {
    // private mode: no draft
  }
}

/**
 * Log an extra: one screen, one save, made for a phone. Within the mandate nothing needs approval;
 * beyond it the form says why and asks for a reason before saving (the save is never blocked).
 */
export function LogExtraPage() {
  const { t } = useTranslation();
  const purpose = usePurpose();
  const myMandate = useMyMandate();
  const purposeText = purpose.data?.purpose.trim();
  return (
    <Box maw={640}>
      <PageHeader title={t('extras.log.title')} />
      {purposeText && (
        <Text size="sm" c="dimmed" fs="italic" lineClamp={3} mt={-12} mb="md" title={purposeText}>
          {purposeText}
        </Text>
      )}
      <MandateLeft my={myMandate.data} loading={myMandate.isPending && !myMandate.error} failed={!!myMandate.error} />
      <LogExtraForm my={myMandate.data} />
    </Box>
  );
}

function MandateLeft({ my, loading, failed }: { my: MyMandate | undefined; loading: boolean; failed: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (loading) return <Skeleton height={74} mb="md" radius="md" />;
  if (failed || !my) {
    return (
      <Text size="sm" c="dimmed" mb="md">
        {t('extras.mandate.unavailable')}
      </Text>
    );
  }
  const mandate = my.mandate;
  if (!mandate) {
    return (
      <Paper withBorder p="sm" mb="md" radius="md">
        <Text size="sm">{t('extras.mandate.none')}</Text>
      </Paper>
    );
  }
  const amounts = { left: format.money(Math.max(0, my.leftCents) / 100), budget: format.money(mandate.budgetCents / 100) };
  const percent = usedPercent(my);
  return (
    <Paper withBorder p="sm" mb="md" radius="md" aria-live="polite">
      <Text fw={600}>{mandate.period === 'week' ? t('extras.mandate.leftWeek', amounts) : t('extras.mandate.leftMonth', amounts)}</Text>
      <Progress
        value={percent}
        color={my.leftCents > 0 ? 'teal' : 'yellow'}
        size="lg"
        radius="xl"
        my={8}
        aria-label={t('extras.mandate.usedLabel', { percent })}
      />
      <Text size="xs" c="dimmed">
        {mandate.scope.type === 'member'
          ? t('extras.mandate.scopeMember')
          : mandate.scope.type === 'team'
            ? t('extras.mandate.scopeTeam', { name: mandate.scopeName })
            : t('extras.mandate.scopeRole', { name: t(`roles.${mandate.scope.role}`) })}
        {' · '}
        {t('extras.mandate.maxPerExtra', { amount: format.money(mandate.maxPerExtraCents / 100) })}
        {' · '}
        {mandate.allowedKinds.map((kind) => kindLabel(t, kind).toLowerCase()).join(', ')}
      </Text>
    </Paper>
  );
}

function LogExtraForm({ my }: { my: MyMandate | undefined }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const me = useSignedInMe();
  const memberId = me.member?.id ?? me.user.id;
  const phone = useIsPhone();
  const format = useFormat();
  const values = useValues(false);
  const suggestions = useExtraSuggestions();
  const create = useCreateExtra();
  const [initial] = useState(() => readDraft(memberId));
  const [open, setOpen] = useState(() => ({
    reactionText: !!initial.reactionText,
    customerRef: !!initial.customerRef,
    occurredAt: !!initial.occurredAt,
  }));
  /** The server asked for a reason we did not see coming (e.g. the period changed meanwhile). */
  const [serverWantsReason, setServerWantsReason] = useState(false);
  const [saved, setSaved] = useState<Extra | null>(null);
  /** One key per submission: a retry after a lost answer reuses it, so the extra is saved once. */
  const attempt = useRef<{ key: string; uncertain: boolean } | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  const form = useForm<LogValues>({
    initialValues: initial,
    validate: {
      occasion: (v) => (v.trim() ? (v.trim().length > 500 ? t('validation.too_big') : null) : t('validation.required')),
      action: (v) => (v.trim() ? (v.trim().length > 1000 ? t('validation.too_big') : null) : t('validation.required')),
      kind: (v) => (v ? null : t('extras.form.chooseKind')),
      costCents: (v) => {
        if (!v.trim()) return null;
        const cents = parseEuroCents(v, language);
        if (cents === null) return t('extras.form.invalidAmount');
        return cents > MAX_CENTS ? t('validation.too_big') : null;
      },
      minutes: (v) => {
        if (!v.trim()) return null;
        const minutes = parseWholeNumber(v);
        if (minutes === null) return t('extras.form.invalidMinutes');
        return minutes > 24 * 60 ? t('extras.form.tooManyMinutes') : null;
      },
      occurredAt: (v) => {
        if (!v) return null;
        const date = format.parseDateInput(v);
        if (!date) return t('validation.invalid_format');
        return date.getTime() > Date.now() + 60_000 ? t('extras.form.notInFuture') : null;
      },
      aboveMandateReason: (v, all) => {
        if (!reasonNeeded(all)) return null;
        if (!v.trim()) return t('extras.form.reasonRequired');
        return v.trim().length > 500 ? t('validation.too_big') : null;
      },
    },
  });

  useEffect(() => {
    writeDraft(memberId, form.values);
  }, [form.values, memberId]);

  const costOf = (v: LogValues) => (v.costCents.trim() ? (parseEuroCents(v.costCents, language) ?? 0) : 0);
  function excessesOf(v: LogValues): MandateExcess[] {
    if (!my || !v.kind) return [];
    return mandateExcesses(my, v.kind as ExtraKind, costOf(v));
  }
  function reasonNeeded(v: LogValues) {
    return serverWantsReason || excessesOf(v).length > 0;
  }

  const excesses = excessesOf(form.values);
  const needsReason = reasonNeeded(form.values);

  const submit = form.onSubmit((v) => {
    const body: CreateExtraBody = {
      occasion: v.occasion.trim(),
      action: v.action.trim(),
      kind: v.kind as ExtraKind,
      costCents: costOf(v),
      minutes: v.minutes.trim() ? (parseWholeNumber(v.minutes) ?? 0) : 0,
      valueIds: v.valueIds,
      customerRef: v.customerRef.trim() || null,
      reactionText: v.reactionText.trim() || null,
      reactionScore: (v.reactionScore as ReactionScore | null) ?? null,
      ...(v.occurredAt ? { occurredAt: format.parseDateInput(v.occurredAt)!.toISOString() } : {}),
      ...(needsReason ? { aboveMandateReason: v.aboveMandateReason.trim() } : {}),
      ...(v.keepOutOfFeed ? { inFeed: false } : {}),
    };
    const current = attempt.current ?? { key: newIdempotencyKey(), uncertain: false };
    attempt.current = current;
    setSaved(null);
    create.mutate(
      { body, idempotencyKey: current.key },
      {
        onSuccess: (extra) => {
          attempt.current = null;
          setServerWantsReason(false);
          setOpen({ reactionText: false, customerRef: false, occurredAt: false });
          form.setValues(EMPTY);
          form.resetDirty(EMPTY);
          form.clearErrors();
          writeDraft(memberId, null);
          setSaved(extra);
          window.scrollTo({ top: 0, behavior: 'smooth' });
        },
        onError: (error) => {
          if (isApiError(error) && (error.status === 0 || error.status >= 500)) {
            current.uncertain = true; // it may have been saved: a retry must use the same key
          } else if (isApiError(error) && error.code === 'idempotency_key_reused') {
            attempt.current = null; // the earlier try was saved after all; saving again makes a new one
          } else if (!current.uncertain) {
            attempt.current = null; // refused, nothing saved
          }
          if (isApiError(error) && error.code === 'mandate_reason_required') {
            setServerWantsReason(true);
            form.setFieldError('aboveMandateReason', t('extras.form.reasonRequired'));
            window.setTimeout(() => reasonRef.current?.focus(), 50);
            return;
          }
          applyFieldErrors(form, t, error);
        },
      },
    );
  });

  const showProblem = create.error && !(isApiError(create.error) && create.error.code === 'mandate_reason_required');
  const occasionSuggestions = suggestions.data?.occasions ?? [];
  const actionSuggestions = suggestions.data?.actions ?? [];

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        {saved && (
          <Alert color="green" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setSaved(null)}>
            <Text size="sm" fw={600}>
              {t('extras.log.savedTitle')}
            </Text>
            <Text size="sm">{saved.aboveMandate ? t('extras.log.savedAboveMandate') : t('extras.log.savedText')}</Text>
            <Anchor component={Link} to={`/extras/${saved.id}`} size="sm">
              {t('extras.log.viewSaved')}
            </Anchor>
          </Alert>
        )}
        {showProblem && (
          <Stack gap={4}>
            <ProblemAlert error={create.error} />
            {isApiError(create.error) && create.error.code === 'idempotency_key_reused' && (
              <Anchor component={Link} to="/extras" size="sm">
                {t('extras.log.checkList')}
              </Anchor>
            )}
          </Stack>
        )}

        <div>
          <Textarea
            label={t('extras.form.occasion')}
            placeholder={t('extras.form.occasionPlaceholder')}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={500}
            {...form.getInputProps('occasion')}
          />
          <SuggestionPills suggestions={occasionSuggestions} typed={form.values.occasion} onPick={(text) => form.setFieldValue('occasion', text)} />
          <SimilarStoriesHint occasion={form.values.occasion} onUseAction={(action) => form.setFieldValue('action', action)} />
        </div>

        <div>
          <Textarea
            label={t('extras.form.action')}
            placeholder={t('extras.form.actionPlaceholder')}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={1000}
            {...form.getInputProps('action')}
          />
          <SuggestionPills suggestions={actionSuggestions} typed={form.values.action} onPick={(text) => form.setFieldValue('action', text)} />
        </div>

        <KindPicker
          label={t('extras.form.kind')}
          value={form.values.kind}
          onChange={(kind) => form.setFieldValue('kind', kind)}
          error={form.errors.kind}
        />

        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label={t('extras.form.cost')}
            inputMode="decimal"
            autoComplete="off"
            placeholder={language === 'nl' ? '0,00' : '0.00'}
            {...form.getInputProps('costCents')}
          />
          <TextInput
            label={t('extras.form.minutes')}
            inputMode="numeric"
            autoComplete="off"
            placeholder="0"
            {...form.getInputProps('minutes')}
          />
        </SimpleGrid>

        <ValuePicker
          label={t('extras.form.values')}
          values={values.data ?? []}
          value={form.values.valueIds}
          onChange={(ids) => form.setFieldValue('valueIds', ids)}
          error={form.errors.valueIds}
        />

        <ScoreButtons
          label={t('extras.form.reactionScore')}
          value={form.values.reactionScore}
          onChange={(score) => form.setFieldValue('reactionScore', score)}
        />

        {open.reactionText && (
          <Textarea label={t('extras.form.reactionText')} autosize minRows={2} maxRows={6} maxLength={1000} {...form.getInputProps('reactionText')} />
        )}
        {open.customerRef && (
          <TextInput
            label={t('extras.form.customerRef')}
            description={t('extras.form.customerRefHint')}
            maxLength={200}
            autoComplete="off"
            {...form.getInputProps('customerRef')}
          />
        )}
        {open.occurredAt && (
          <TextInput
            type="datetime-local"
            label={t('extras.form.occurredAt')}
            max={format.dateInput(new Date())}
            {...form.getInputProps('occurredAt')}
          />
        )}
        {!(open.reactionText && open.customerRef && open.occurredAt) && (
          <Group gap="xs">
            {!open.reactionText && (
              <Button variant="subtle" size="sm" onClick={() => setOpen((o) => ({ ...o, reactionText: true }))}>
                {t('extras.form.addReactionText')}
              </Button>
            )}
            {!open.customerRef && (
              <Button variant="subtle" size="sm" onClick={() => setOpen((o) => ({ ...o, customerRef: true }))}>
                {t('extras.form.addCustomer')}
              </Button>
            )}
            {!open.occurredAt && (
              <Button
                variant="subtle"
                size="sm"
                onClick={() => {
                  form.setFieldValue('occurredAt', format.dateInput(new Date()));
                  setOpen((o) => ({ ...o, occurredAt: true }));
                }}
              >
                {t('extras.form.changeWhen')}
              </Button>
            )}
          </Group>
        )}

        <Checkbox
          size="sm"
          label={t('feed.keepOut.label')}
          description={form.values.keepOutOfFeed ? t('feed.keepOut.hint') : undefined}
          {...form.getInputProps('keepOutOfFeed', { type: 'checkbox' })}
        />

        {needsReason && (
          <Paper p="sm" radius="md" bg="yellow.0" style={{ border: '1px solid var(--mantine-color-yellow-4)' }}>
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                {t('extras.form.aboveMandateTitle')}
              </Text>
              <ExcessList excesses={excesses} my={my} kind={form.values.kind as ExtraKind} fallback={serverWantsReason} />
              <Text size="sm">{t('extras.form.aboveMandateText')}</Text>
              <Textarea
                ref={reasonRef}
                label={t('extras.form.reason')}
                withAsterisk
                autosize
                minRows={2}
                maxRows={5}
                maxLength={500}
                {...form.getInputProps('aboveMandateReason')}
              />
            </Stack>
          </Paper>
        )}

        <Box
          style={
            phone
              ? { position: 'sticky', bottom: 0, background: 'var(--mantine-color-body)', padding: '8px 0 12px', zIndex: 2 }
              : undefined
          }
        >
          <Button type="submit" size="lg" fullWidth={phone} loading={create.isPending} miw={phone ? undefined : 200}>
            {t('extras.form.save')}
          </Button>
          {!phone && my?.mandate && form.values.costCents.trim() && parseEuroCents(form.values.costCents, language) !== null && (
            <Text size="xs" c="dimmed" mt={6}>
              {t('extras.form.afterSave', { amount: format.money(Math.max(0, my.leftCents - costOf(form.values)) / 100) })}
            </Text>
          )}
        </Box>
      </Stack>
    </form>
  );
}

function ExcessList({ excesses, my, kind, fallback }: { excesses: MandateExcess[]; my: MyMandate | undefined; kind: ExtraKind; fallback: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (excesses.length === 0) return fallback ? <Text size="sm">{t('errors.mandate_reason_required')}</Text> : null;
  const mandate = my?.mandate;
  const left = format.money(Math.max(0, my?.leftCents ?? 0) / 100);
  return (
    <Stack gap={2} component="ul" style={{ margin: 0, paddingLeft: 20 }}>
      {excesses.map((excess) => (
        <Text key={excess} component="li" size="sm">
          {excess === 'noMandate'
            ? t('extras.excess.noMandate')
            : excess === 'kindNotAllowed'
              ? t('extras.excess.kindNotAllowed', { kind: kindLabel(t, kind).toLowerCase() })
              : excess === 'overMaxPerExtra'
                ? t('extras.excess.overMaxPerExtra', { amount: format.money((mandate?.maxPerExtraCents ?? 0) / 100) })
                : mandate?.period === 'month'
                  ? t('extras.excess.overLeftMonth', { amount: left })
                  : t('extras.excess.overLeftWeek', { amount: left })}
        </Text>
      ))}
    </Stack>
  );
}
