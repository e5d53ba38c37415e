import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ExtraKind, ReactionScore } from '../../../contracts/constants';
import type { CreateExtraBody, Extra, MyMandate } from '../../../contracts/extras.contract';
import { type ApiError, serverNow } from '../../app/api-client';
import { kindLabel } from '../../app/extra-labels';
import { isLanguage } from '../../app/i18n';
import { lazyIsland } from '../../app/mantine-island';
import { centsToInput, MAX_CENTS, parseEuroCents, parseWholeNumber } from '../../app/money';
import { addToOutbox, type OutboxItem, problemAsError, removeFromOutbox, sendItem, useOutbox } from '../../app/outbox';
import { useOnline } from '../../app/outbox-sender.component';
import { applyFieldErrors } from '../../app/problem';
import { queryKeys } from '../../app/query-keys';
import { useDraft } from '../../app/use-draft';
import { useFormat } from '../../app/use-format';
import { useIdempotentSubmit } from '../../app/use-idempotent-submit';
import { useSignedInMe } from '../../app/use-me';
import { usePurpose, useValues } from '../../app/values.api';
import { KindPicker, ScoreButtons, SuggestionPills, ValuePicker } from '../../components/extra-fields.component';
import { Later } from '../../components/later.component';
import {
  LightAlert,
  LightButton,
  LightProblemAlert,
  LightSkeleton,
  LightTextField,
} from '../../components/light.component';
import { useIsPhone } from '../../components/use-is-phone';
import { useExtraChanged, useExtraSuggestions, useMyMandate } from './extras.api';
import { type MandateExcess, mandateExcesses, usedPercent, withWaitingExtras } from './mandate-check';

/*
 * The log screen is the counter phone's first screen: plain elements styled by app/light.css, no
 * Mantine components and none of Mantine's stylesheet (measured: they were most of a slow phone's time
 * before the form could be used). The parts that show only now and then (colleagues' similar stories
 * while typing, extras waiting in the outbox) come with Mantine in chunks of their own when they appear.
 */
const SimilarStoriesHint = lazyIsland(() =>
  import('../../components/similar-stories.component').then((m) => m.SimilarStoriesHint),
);
const OutboxList = lazyIsland(() => import('./outbox-list.component').then((m) => m.OutboxList));

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

/** A stored draft as the form takes it (values from an older version of the form repaired). */
const normaliseDraft = (draft: LogValues): LogValues => ({
  ...draft,
  valueIds: Array.isArray(draft.valueIds) ? draft.valueIds : [],
  keepOutOfFeed: draft.keepOutOfFeed === true,
});

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
      <div style={{ maxWidth: 640 }} aria-busy="true">
        <Title title={t('extras.log.title')} />
        <LightSkeleton height={MANDATE_HEIGHT} />
        <LightSkeleton height={80} />
        <LightSkeleton height={80} />
      </div>
    );
  }
  return (
    <div style={{ maxWidth: 640 }}>
      <Title title={t('extras.log.title')} />
      {purposeText && (
        <p
          className="kw-p kw-text-sm kw-dimmed kw-clamp3"
          style={{ fontStyle: 'italic', marginTop: -12, marginBottom: 16 }}
          title={purposeText}
        >
          {purposeText}
        </p>
      )}
      <MandateLeft
        my={my}
        loading={myMandate.isPending && !myMandate.error && myMandate.fetchStatus !== 'paused'}
        asOf={
          myMandate.data && (!online || myMandate.isError || myMandate.fetchStatus === 'paused')
            ? myMandate.dataUpdatedAt
            : null
        }
      />
      <LogExtraForm my={my} memberId={memberId} />
    </div>
  );
}

/** The page's heading (PageHeader's look and document title, in plain elements). */
function Title({ title }: { title: string }) {
  useDocumentTitle(`${title} · Klantwerk`);
  return <h1 className="kw-h1">{title}</h1>;
}

function MandateLeft({ my, loading, asOf }: { my: MyMandate | undefined; loading: boolean; asOf: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (loading) return <LightSkeleton height={MANDATE_HEIGHT} />;
  if (!my) {
    return (
      <p className="kw-p kw-text-sm kw-dimmed" style={{ marginBottom: 16 }}>
        {t('extras.mandate.unavailable')}
      </p>
    );
  }
  const mandate = my.mandate;
  const stale = asOf !== null && (
    <p className="kw-p kw-text-xs kw-gray" style={{ marginTop: 4 }}>
      {t('extras.mandate.asOf', { when: format.date(new Date(asOf), true) })}
    </p>
  );
  if (!mandate) {
    return (
      <div className="kw-card" style={{ marginBottom: 16, minHeight: MANDATE_HEIGHT }}>
        <p className="kw-p kw-text-sm">{t('extras.mandate.none')}</p>
        {stale}
      </div>
    );
  }
  const amounts = {
    left: format.money(Math.max(0, my.leftCents) / 100),
    budget: format.money(mandate.budgetCents / 100),
  };
  const percent = usedPercent(my);
  return (
    <div className="kw-card" style={{ marginBottom: 16, minHeight: MANDATE_HEIGHT }} aria-live="polite">
      <p className="kw-p kw-strong">
        {mandate.period === 'week' ? t('extras.mandate.leftWeek', amounts) : t('extras.mandate.leftMonth', amounts)}
      </p>
      <div
        className="kw-progress"
        data-full={my.leftCents > 0 ? undefined : true}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={t('extras.mandate.usedLabel', { percent })}
      >
        <div style={{ width: `${percent}%` }} />
      </div>
      <p className="kw-p kw-text-xs kw-gray">
        {mandate.scope.type === 'member'
          ? t('extras.mandate.scopeMember')
          : mandate.scope.type === 'team'
            ? t('extras.mandate.scopeTeam', { name: mandate.scopeName })
            : t('extras.mandate.scopeRole', { name: t(`roles.${mandate.scope.role}`) })}
        {' · '}
        {t('extras.mandate.maxPerExtra', { amount: format.money(mandate.maxPerExtraCents / 100) })}
        {' · '}
        {mandate.allowedKinds.map((kind) => kindLabel(t, kind).toLowerCase()).join(', ')}
      </p>
      {stale}
    </div>
  );
}

// Text fields grow with what is typed where the browser can (field-sizing, light.css: Chrome on Android,
// the counter phone), else they scroll: measuring them in script on every keystroke cost the slow phone
// more than anything else on this screen.

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
  const outbox = useOutbox(memberId);
  const client = useQueryClient();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  /** Saved on this phone only, for want of a connection: it goes by itself later. */
  const [queued, setQueued] = useState(false);
  /** The refused extra from the outbox being fixed in the form: it stays in the outbox until the fix is saved. */
  const [fixing, setFixing] = useState<string | null>(null);
  const draft = useDraft(`klantwerk.extraDraft.${memberId}`, EMPTY, normaliseDraft);
  const initial = draft.initial;
  const idempotency = useIdempotentSubmit();
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

  // biome-ignore lint/correctness/useExhaustiveDependencies: new values are the trigger; keep is made afresh on each render
  useEffect(() => {
    draft.keep(form.values);
  }, [form.values]);

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
    draft.keep(null);
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
      key: idempotency.key,
      path: '/api/v1/extras',
      body,
      savedAt: new Date().toISOString(),
      label: body.occasion,
    };
    addToOutbox(memberId, item);
    setSaved(null);
    setQueued(false);
    setProblem(null);
    /** It is in the outbox now: the form and the refused original it fixed can go; the next extra gets a new key. */
    const kept = () => {
      idempotency.settle('done');
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
      // Refused: it left the outbox again, and the server stored nothing under its key.
      const error = problemAsError(result.problem);
      idempotency.settleError(error);
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
      <div className="kw-stack">
        {saved && (
          <LightAlert color="green" onClose={() => setSaved(null)} closeLabel={t('common.close')}>
            <p className="kw-p kw-strong">{t('extras.log.savedTitle')}</p>
            <p className="kw-p">{saved.aboveMandate ? t('extras.log.savedAboveMandate') : t('extras.log.savedText')}</p>
            <Link to={`/extras/${saved.id}`} className="kw-link">
              {t('extras.log.viewSaved')}
            </Link>
          </LightAlert>
        )}
        {queued && (
          <LightAlert color="yellow" onClose={() => setQueued(false)} closeLabel={t('common.close')}>
            <p className="kw-p kw-strong">{t('extras.log.queuedTitle')}</p>
            <p className="kw-p">{t('extras.log.queuedText')}</p>
          </LightAlert>
        )}
        {fixing && (
          <LightAlert color="blue">
            <p className="kw-p">{t('offline.fixing')}</p>
          </LightAlert>
        )}
        <LightProblemAlert error={problem} />
        {outbox.length > 0 && (
          <Suspense fallback={null}>
            <OutboxList memberId={memberId} onFix={fix} />
          </Suspense>
        )}

        <div>
          <LightTextField
            textarea
            label={t('extras.form.occasion')}
            placeholder={t('extras.form.occasionPlaceholder')}
            rows={2}
            maxLength={500}
            binding={form.getInputProps('occasion')}
          />
          <SuggestionPills
            suggestions={occasionSuggestions}
            typed={form.values.occasion}
            onPick={(text) => form.setFieldValue('occasion', text)}
          />
          {form.values.occasion.trim().length >= 3 && (
            <Suspense fallback={null}>
              <SimilarStoriesHint
                occasion={form.values.occasion}
                onUseAction={(action) => form.setFieldValue('action', action)}
              />
            </Suspense>
          )}
        </div>

        <div>
          <LightTextField
            textarea
            label={t('extras.form.action')}
            placeholder={t('extras.form.actionPlaceholder')}
            rows={2}
            maxLength={1000}
            binding={form.getInputProps('action')}
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

          <div className="kw-grid2">
            <LightTextField
              label={t('extras.form.cost')}
              inputMode="decimal"
              autoComplete="off"
              placeholder={language === 'nl' ? '0,00' : '0.00'}
              binding={form.getInputProps('costCents')}
            />
            <LightTextField
              label={t('extras.form.minutes')}
              inputMode="numeric"
              autoComplete="off"
              placeholder="0"
              binding={form.getInputProps('minutes')}
            />
          </div>
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
            <LightTextField
              textarea
              label={t('extras.form.reactionText')}
              rows={2}
              maxLength={1000}
              binding={form.getInputProps('reactionText')}
            />
          )}
          {open.customerRef && (
            <LightTextField
              label={t('extras.form.customerRef')}
              description={t('extras.form.customerRefHint')}
              maxLength={200}
              autoComplete="off"
              binding={form.getInputProps('customerRef')}
            />
          )}
          {open.occurredAt && (
            <LightTextField
              type="datetime-local"
              label={t('extras.form.occurredAt')}
              max={format.dateInput(new Date())}
              binding={form.getInputProps('occurredAt')}
            />
          )}
          {!(open.reactionText && open.customerRef && open.occurredAt) && (
            <div className="kw-row" style={{ gap: 10 }}>
              {!open.reactionText && (
                <LightButton variant="subtle" size="sm" onClick={() => setOpen((o) => ({ ...o, reactionText: true }))}>
                  {t('extras.form.addReactionText')}
                </LightButton>
              )}
              {!open.customerRef && (
                <LightButton variant="subtle" size="sm" onClick={() => setOpen((o) => ({ ...o, customerRef: true }))}>
                  {t('extras.form.addCustomer')}
                </LightButton>
              )}
              {!open.occurredAt && (
                <LightButton
                  variant="subtle"
                  size="sm"
                  onClick={() => {
                    form.setFieldValue('occurredAt', format.dateInput(new Date()));
                    setOpen((o) => ({ ...o, occurredAt: true }));
                  }}
                >
                  {t('extras.form.changeWhen')}
                </LightButton>
              )}
            </div>
          )}

          <KeepOutOfFeed
            checked={form.values.keepOutOfFeed}
            onChange={(checked) => form.setFieldValue('keepOutOfFeed', checked)}
          />

          {needsReason && (
            <div className="kw-warn-box">
              <p className="kw-p kw-text-sm kw-strong">{t('extras.form.aboveMandateTitle')}</p>
              <ExcessList
                excesses={excesses}
                my={my}
                kind={form.values.kind as ExtraKind}
                fallback={serverWantsReason}
              />
              <p className="kw-p kw-text-sm">{t('extras.form.aboveMandateText')}</p>
              <LightTextField
                textarea
                inputRef={(el) => {
                  reasonRef.current = el;
                }}
                label={t('extras.form.reason')}
                required
                rows={2}
                maxLength={500}
                binding={form.getInputProps('aboveMandateReason')}
              />
            </div>
          )}

          <div className={phone ? 'kw-sticky-save' : undefined}>
            <LightButton
              type="submit"
              size="lg"
              fullWidth={phone}
              loading={pending}
              style={phone ? undefined : { minWidth: 200 }}
            >
              {t('extras.form.save')}
            </LightButton>
            {!phone &&
              my?.mandate &&
              form.values.costCents.trim() &&
              parseEuroCents(form.values.costCents, language) !== null && (
                <p className="kw-p kw-text-xs kw-dimmed" style={{ marginTop: 6 }}>
                  {t('extras.form.afterSave', {
                    amount: format.money(Math.max(0, my.leftCents - costOf(form.values)) / 100),
                  })}
                </p>
              )}
          </div>
        </Later>
      </div>
    </form>
  );
}

/** "Keep out of the team feed": a plain checkbox, with what it means once ticked. */
function KeepOutOfFeed({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="kw-checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.currentTarget.checked)}
        aria-describedby={checked ? `${id}-hint` : undefined}
      />
      <div>
        <label htmlFor={id}>{t('feed.keepOut.label')}</label>
        {checked && (
          <p className="kw-p kw-text-sm kw-dimmed" id={`${id}-hint`}>
            {t('feed.keepOut.hint')}
          </p>
        )}
      </div>
    </div>
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
  if (excesses.length === 0)
    return fallback ? <p className="kw-p kw-text-sm">{t('errors.mandate_reason_required')}</p> : null;
  const mandate = my?.mandate;
  const left = format.money(Math.max(0, my?.leftCents ?? 0) / 100);
  return (
    <ul className="kw-text-sm" style={{ margin: 0, paddingLeft: 20 }}>
      {excesses.map((excess) => (
        <li key={excess}>
          {excess === 'noMandate'
            ? t('extras.excess.noMandate')
            : excess === 'kindNotAllowed'
              ? t('extras.excess.kindNotAllowed', { kind: kindLabel(t, kind).toLowerCase() })
              : excess === 'overMaxPerExtra'
                ? t('extras.excess.overMaxPerExtra', { amount: format.money((mandate?.maxPerExtraCents ?? 0) / 100) })
                : mandate?.period === 'month'
                  ? t('extras.excess.overLeftMonth', { amount: left })
                  : t('extras.excess.overLeftWeek', { amount: left })}
        </li>
      ))}
    </ul>
  );
}
