import {
  Alert,
  Anchor,
  Box,
  Button,
  Checkbox,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ExtraKind, ReactionScore } from '../../../contracts/constants';
import type { CreateExtraBody, Extra, MyMandate } from '../../../contracts/extras.contract';
import { type ApiError, newIdempotencyKey, serverNow } from '../../app/api-client';
import { kindLabel } from '../../app/extra-labels';
import { isLanguage } from '../../app/i18n';
import { centsToInput, MAX_CENTS, parseEuroCents, parseWholeNumber } from '../../app/money';
import { addToOutbox, type OutboxItem, problemAsError, removeFromOutbox, sendItem, useOutbox } from '../../app/outbox';
import { useOnline } from '../../app/outbox-sender.component';
import { applyFieldErrors } from '../../app/problem';
import { queryKeys } from '../../app/query-keys';
import { useFormat } from '../../app/use-format';
import { useSignedInMe } from '../../app/use-me';
import { usePurpose, useValues } from '../../app/values.api';
import { KindPicker, ScoreButtons, SuggestionPills, ValuePicker } from '../../components/extra-fields.component';
import { Later } from '../../components/later.component';
import { PageHeader } from '../../components/page-header.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { SimilarStoriesHint } from '../../components/similar-stories.component';
import { useIsPhone } from '../../components/use-is-phone';
import { useExtraChanged, useExtraSuggestions, useMyMandate } from './extras.api';
import { type MandateExcess, mandateExcesses, usedPercent, withWaitingExtras } from './mandate-check';
import { OutboxList } from './outbox-list.component';

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
    return {
      ...EMPTY,
      ...draft,
      valueIds: Array.isArray(draft.valueIds) ? draft.valueIds : [],
      keepOutOfFeed: draft.keepOutOfFeed === true,
    };
  } catch {
    return EMPTY;
  }
}

function writeDraft(memberId: string, values: LogValues | null) {
  try {
    if (!values || JSON.stringify(values) === JSON.stringify(EMPTY))
      window.sessionStorage.removeItem(draftKey(memberId));
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
  const online = useOnline();
  const me = useSignedInMe();
  const memberId = me.member?.id ?? me.user.id;
  const outbox = useOutbox(memberId);
  // Extras waiting on this phone count already: the mandate left is what it will be once they arrive.
  const my = useMemo(
    () =>
      myMandate.data &&
      withWaitingExtras(
        myMandate.data,
        outbox.filter((i) => i.state === 'waiting').map((i) => i.body as Partial<CreateExtraBody>),
      ),
    [myMandate.data, outbox],
  );
  const values = useValues(false);
  const suggestions = useExtraSuggestions();
  const purposeText = purpose.data?.purpose.trim();
  // Everything the screen shows appears at once (no jumping form as answers come in one by one), but
  // never waits longer than a moment: without a connection, or when an answer is slow, the form opens.
  const settled = [purpose, myMandate, values, suggestions].every((q) => !q.isPending || q.fetchStatus === 'paused');
  const [waitedLongEnough, setWaitedLongEnough] = useState(false);
  useEffect(() => {
    if (settled) return; // once the answers are in, no timer: it would only draw the whole screen again
    const timer = window.setTimeout(() => setWaitedLongEnough(true), 1500);
    return () => window.clearTimeout(timer);
  }, [settled]);
  if (!settled && !waitedLongEnough) {
    return (
      <Box maw={640} aria-busy="true">
        <PageHeader title={t('extras.log.title')} />
        <Skeleton height={MANDATE_HEIGHT} mb="md" radius="md" />
        <Skeleton height={80} mb="md" radius="md" />
        <Skeleton height={80} mb="md" radius="md" />
      </Box>
    );
  }
  return (
    <Box maw={640}>
      <PageHeader title={t('extras.log.title')} />
      {purposeText && (
        <Text size="sm" c="dimmed" fs="italic" lineClamp={3} mt={-12} mb="md" title={purposeText}>
          {purposeText}
        </Text>
      )}
      <MandateLeft
        my={my}
        loading={myMandate.isPending && !myMandate.error && myMandate.fetchStatus !== 'paused'}
        failed={!!myMandate.error}
        asOf={
          myMandate.data && (!online || myMandate.isError || myMandate.fetchStatus === 'paused')
            ? myMandate.dataUpdatedAt
            : null
        }
      />
      <LogExtraForm my={my} memberId={memberId} />
    </Box>
  );
}

function MandateLeft({
  my,
  loading,
  failed,
  asOf,
}: {
  my: MyMandate | undefined;
  loading: boolean;
  failed: boolean;
  asOf: number | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (loading) return <Skeleton height={MANDATE_HEIGHT} mb="md" radius="md" />;
  if (!my) {
    return (
      <Text size="sm" c="dimmed" mb="md">
        {t('extras.mandate.unavailable')}
      </Text>
    );
  }
  const mandate = my.mandate;
  const stale = asOf !== null && (
    <Text size="xs" c="gray.7" mt={4}>
      {t('extras.mandate.asOf', { when: format.date(new Date(asOf), true) })}
    </Text>
  );
  if (!mandate) {
    return (
      <Paper withBorder p="sm" mb="md" radius="md" mih={MANDATE_HEIGHT}>
        <Text size="sm">{t('extras.mandate.none')}</Text>
        {stale}
      </Paper>
    );
  }
  const amounts = {
    left: format.money(Math.max(0, my.leftCents) / 100),
    budget: format.money(mandate.budgetCents / 100),
  };
  const percent = usedPercent(my);
  return (
    <Paper withBorder p="sm" mb="md" radius="md" mih={MANDATE_HEIGHT} aria-live="polite">
      <Text fw={600}>
        {mandate.period === 'week' ? t('extras.mandate.leftWeek', amounts) : t('extras.mandate.leftMonth', amounts)}
      </Text>
      <Progress
        value={percent}
        color={my.leftCents > 0 ? 'teal' : 'yellow'}
        size="lg"
        radius="xl"
        my={8}
        aria-label={t('extras.mandate.usedLabel', { percent })}
      />
      <Text size="xs" c="gray.7">
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
      {stale}
    </Paper>
  );
}

/**
 * Text fields grow with what is typed where the browser can (field-sizing: Chrome on Android, the
 * counter phone), else they scroll: measuring them in script on every keystroke cost the slow phone more
 * than anything else on this screen.
 */
const GROWING = { input: { fieldSizing: 'content', minHeight: '4.2em', maxHeight: '11em' } } as const;

/** The mandate card's height on a phone, kept while it loads so the form does not jump when it arrives. */
const MANDATE_HEIGHT = 92;

/** An extra from the outbox back in the form, as it was logged (a value retired meanwhile is left out). */
function valuesFromBody(
  body: CreateExtraBody,
  savedAt: string,
  activeValueIds: Set<string>,
  language: 'nl' | 'en',
  dateInput: (d: Date) => string,
): LogValues {
  return {
    occasion: body.occasion,
    action: body.action,
    kind: body.kind,
    costCents: body.costCents ? centsToInput(body.costCents, language) : '',
    minutes: body.minutes ? String(body.minutes) : '',
    valueIds: (body.valueIds ?? []).filter((id) => activeValueIds.has(id)),
    reactionScore: body.reactionScore ?? null,
    reactionText: body.reactionText ?? '',
    customerRef: body.customerRef ?? '',
    occurredAt: dateInput(new Date(body.occurredAt ?? savedAt)),
    aboveMandateReason: body.aboveMandateReason ?? '',
    keepOutOfFeed: body.inFeed === false,
  };
}

function LogExtraForm({ my, memberId }: { my: MyMandate | undefined; memberId: string }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const phone = useIsPhone();
  const format = useFormat();
  const values = useValues(false);
  const suggestions = useExtraSuggestions();
  const changed = useExtraChanged();
  const client = useQueryClient();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  /** Saved on this phone only, for want of a connection: it goes by itself later. */
  const [queued, setQueued] = useState(false);
  /** The refused extra from the outbox being fixed in the form: it stays in the outbox until the fix is saved. */
  const [fixing, setFixing] = useState<string | null>(null);
  const [initial] = useState(() => readDraft(memberId));
  const [open, setOpen] = useState(() => ({
    reactionText: !!initial.reactionText,
    customerRef: !!initial.customerRef,
    occurredAt: !!initial.occurredAt,
  }));
  /** The server asked for a reason we did not see coming (e.g. the period changed meanwhile). */
  const [serverWantsReason, setServerWantsReason] = useState(false);
  const [saved, setSaved] = useState<Extra | null>(null);
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

  const clearForm = () => {
    setServerWantsReason(false);
    setOpen({ reactionText: false, customerRef: false, occurredAt: false });
    form.setValues(EMPTY);
    form.resetDirty(EMPTY);
    form.clearErrors();
    writeDraft(memberId, null);
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  /**
   * Saving goes through the outbox: the extra is kept on the phone with its key and the moment it was
   * logged, then sent. Saved: done. No connection (or no answer): it stays and goes by itself later.
   * Refused: it leaves the outbox again and the form says why, as it still holds what was typed.
   */
  const submit = form.onSubmit(async (v) => {
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
      occurredAt: (v.occurredAt ? format.parseDateInput(v.occurredAt)! : serverNow()).toISOString(),
      ...(needsReason ? { aboveMandateReason: v.aboveMandateReason.trim() } : {}),
      ...(v.keepOutOfFeed ? { inFeed: false } : {}),
    };
    const item: Omit<OutboxItem, 'state'> = {
      key: newIdempotencyKey(),
      path: '/api/v1/extras',
      body,
      savedAt: new Date().toISOString(),
      label: body.occasion,
    };
    addToOutbox(memberId, item);
    setSaved(null);
    setQueued(false);
    setProblem(null);
    /** It is in the outbox now: the form and the refused original it fixed can go. */
    const kept = () => {
      if (fixing) removeFromOutbox(memberId, fixing);
      setFixing(null);
      clearForm();
    };
    if (!navigator.onLine) {
      kept();
      setQueued(true);
      return;
    }
    setPending(true);
    const result = await sendItem(memberId, { ...item, state: 'waiting' }, { dropIfRefused: true }).finally(() =>
      setPending(false),
    );
    if (result.outcome === 'saved') {
      const extra = result.answer as Extra;
      changed(extra);
      kept();
      setSaved(extra);
    } else if (result.outcome === 'waiting') {
      kept();
      setQueued(true);
    } else {
      const error = problemAsError(result.problem);
      if (error.code === 'mandate_reason_required') {
        setServerWantsReason(true);
        form.setFieldError('aboveMandateReason', t('extras.form.reasonRequired'));
        window.setTimeout(() => reasonRef.current?.focus(), 50);
        return;
      }
      setProblem(error);
      applyFieldErrors(form, t, error);
    }
  });

  /** A refused extra from the outbox back into the form, to fix and save again (under a new key). */
  const fix = (item: OutboxItem) => {
    // A value the server no longer takes (retired meanwhile) is left out, to be chosen again from a fresh list.
    const valuesRefused = !!item.problem?.errors.some((e) => e.path.endsWith('valueIds'));
    if (valuesRefused) void client.invalidateQueries({ queryKey: queryKeys.values });
    const activeValueIds = new Set(valuesRefused ? [] : (values.data ?? []).map((value) => value.id));
    const restored = valuesFromBody(
      item.body as CreateExtraBody,
      item.savedAt,
      activeValueIds,
      language,
      format.dateInput,
    );
    form.setValues(restored);
    form.clearErrors();
    setOpen({ reactionText: !!restored.reactionText, customerRef: !!restored.customerRef, occurredAt: true });
    setSaved(null);
    setQueued(false);
    setFixing(item.key);
    if (item.problem) {
      const error = problemAsError(item.problem);
      if (error.code === 'mandate_reason_required') setServerWantsReason(true);
      else setProblem(error);
      applyFieldErrors(form, t, error);
    }
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  const occasionSuggestions = suggestions.data?.occasions ?? [];
  const actionSuggestions = suggestions.data?.actions ?? [];

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        {saved && (
          <Alert
            color="green"
            role="status"
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setSaved(null)}
          >
            <Text size="sm" fw={600}>
              {t('extras.log.savedTitle')}
            </Text>
            <Text size="sm">{saved.aboveMandate ? t('extras.log.savedAboveMandate') : t('extras.log.savedText')}</Text>
            <Anchor component={Link} to={`/extras/${saved.id}`} size="sm">
              {t('extras.log.viewSaved')}
            </Anchor>
          </Alert>
        )}
        {queued && (
          <Alert
            color="yellow"
            role="status"
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setQueued(false)}
          >
            <Text size="sm" fw={600}>
              {t('extras.log.queuedTitle')}
            </Text>
            <Text size="sm">{t('extras.log.queuedText')}</Text>
          </Alert>
        )}
        {fixing && (
          <Alert color="blue" role="status">
            <Text size="sm">{t('offline.fixing')}</Text>
          </Alert>
        )}
        <ProblemAlert error={problem} />
        <OutboxList memberId={memberId} onFix={fix} />

        <div>
          <Textarea
            label={t('extras.form.occasion')}
            placeholder={t('extras.form.occasionPlaceholder')}
            rows={2}
            styles={GROWING}
            maxLength={500}
            {...form.getInputProps('occasion')}
          />
          <SuggestionPills
            suggestions={occasionSuggestions}
            typed={form.values.occasion}
            onPick={(text) => form.setFieldValue('occasion', text)}
          />
          <SimilarStoriesHint
            occasion={form.values.occasion}
            onUseAction={(action) => form.setFieldValue('action', action)}
          />
        </div>

        <div>
          <Textarea
            label={t('extras.form.action')}
            placeholder={t('extras.form.actionPlaceholder')}
            rows={2}
            styles={GROWING}
            maxLength={1000}
            {...form.getInputProps('action')}
          />
          <SuggestionPills
            suggestions={actionSuggestions}
            typed={form.values.action}
            onPick={(text) => form.setFieldValue('action', text)}
          />
        </div>

        {/* Below the first screenful on a phone: drawn in steps, each in a task of its own. */}
        <Later>
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
        </Later>
        <Later>
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
        </Later>
        <Later>
          {open.reactionText && (
            <Textarea
              label={t('extras.form.reactionText')}
              rows={2}
              styles={GROWING}
              maxLength={1000}
              {...form.getInputProps('reactionText')}
            />
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
                <ExcessList
                  excesses={excesses}
                  my={my}
                  kind={form.values.kind as ExtraKind}
                  fallback={serverWantsReason}
                />
                <Text size="sm">{t('extras.form.aboveMandateText')}</Text>
                <Textarea
                  ref={reasonRef}
                  label={t('extras.form.reason')}
                  withAsterisk
                  rows={2}
                  styles={GROWING}
                  maxLength={500}
                  {...form.getInputProps('aboveMandateReason')}
                />
              </Stack>
            </Paper>
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
            <Button type="submit" size="lg" fullWidth={phone} loading={pending} miw={phone ? undefined : 200}>
              {t('extras.form.save')}
            </Button>
            {!phone &&
              my?.mandate &&
              form.values.costCents.trim() &&
              parseEuroCents(form.values.costCents, language) !== null && (
                <Text size="xs" c="dimmed" mt={6}>
                  {t('extras.form.afterSave', {
                    amount: format.money(Math.max(0, my.leftCents - costOf(form.values)) / 100),
                  })}
                </Text>
              )}
          </Box>
        </Later>
      </Stack>
    </form>
  );
}

function ExcessList({
  excesses,
  my,
  kind,
  fallback,
}: {
  excesses: MandateExcess[];
  my: MyMandate | undefined;
  kind: ExtraKind;
  fallback: boolean;
}) {
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
