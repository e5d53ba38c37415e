import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExtraKind, ReactionScore } from '../../../contracts/constants';
import type { CreateExtraBody, Extra, MyMandate } from '../../../contracts/extras.contract';
import { type ApiError, serverNow } from '../../app/api-client';
import { isLanguage } from '../../app/i18n';
import { lazyIsland } from '../../app/mantine-island';
import { MAX_CENTS, parseEuroCents, parseWholeNumber } from '../../app/money';
import { addToOutbox, type OutboxItem, problemAsError, removeFromOutbox, sendItem, useOutbox } from '../../app/outbox';
import { useOnline } from '../../app/outbox-sender.component';
import { applyFieldErrors } from '../../app/problem';
import { queryKeys } from '../../app/query-keys';
import { useDraft } from '../../app/use-draft';
import { useFormat } from '../../app/use-format';
import { useIdempotentSubmit } from '../../app/use-idempotent-submit';
import { useSignedInMe } from '../../app/use-me';
import { usePurpose, useValues } from '../../app/values.api';
import { Later } from '../../components/later.component';
import { LightButton, LightProblemAlert, LightSkeleton } from '../../components/light.component';
import { useIsPhone } from '../../components/use-is-phone';
import { useExtraChanged, useExtraSuggestions, useMyMandate } from './extras.api';
import { EMPTY, type LogValues, normaliseDraft, valuesFromBody } from './log-extra.values';
import {
  AboveMandateReason,
  FoldedFields,
  KeepOutOfFeed,
  KindAndCost,
  LogNotices,
  OccasionAndAction,
  ValuesAndScore,
} from './log-extra-fields.component';
import { MANDATE_HEIGHT, MandateLeft, Title } from './log-extra-mandate.component';
import { type MandateExcess, mandateExcesses, withWaitingExtras } from './mandate-check';

/*
 * The log screen is the counter phone's first screen: plain elements styled by app/light.css, no
 * Mantine components and none of Mantine's stylesheet (measured: they were most of a slow phone's time
 * before the form could be used). The parts that show only now and then (colleagues' similar stories
 * while typing, extras waiting in the outbox) come with Mantine in chunks of their own when they appear.
 */
const OutboxList = lazyIsland(() => import('./outbox-list.component').then((m) => m.OutboxList));

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

// Text fields grow with what is typed where the browser can (field-sizing, light.css: Chrome on Android,
// the counter phone), else they scroll: measuring them in script on every keystroke cost the slow phone
// more than anything else on this screen.

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
        <LogNotices
          saved={saved}
          onCloseSaved={() => setSaved(null)}
          queued={queued}
          onCloseQueued={() => setQueued(false)}
          fixing={!!fixing}
        />
        <LightProblemAlert error={problem} />
        {outbox.length > 0 && (
          <Suspense fallback={null}>
            <OutboxList memberId={memberId} onFix={fix} />
          </Suspense>
        )}

        <OccasionAndAction
          form={form}
          occasionSuggestions={occasionSuggestions}
          actionSuggestions={actionSuggestions}
        />

        {/* Below the first screenful on a phone: drawn in steps, each in a task of its own. */}
        <Later>
          <KindAndCost form={form} language={language} />
        </Later>
        <Later>
          <ValuesAndScore form={form} values={values.data ?? []} />
        </Later>
        <Later>
          <FoldedFields form={form} open={open} setOpen={setOpen} />

          <KeepOutOfFeed
            checked={form.values.keepOutOfFeed}
            onChange={(checked) => form.setFieldValue('keepOutOfFeed', checked)}
          />

          {needsReason && (
            <AboveMandateReason
              form={form}
              excesses={excesses}
              my={my}
              fallback={serverWantsReason}
              reasonRef={reasonRef}
            />
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
