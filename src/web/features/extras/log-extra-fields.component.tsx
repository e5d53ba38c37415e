import { type ComponentProps, type Dispatch, type RefObject, type SetStateAction, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ExtraKind } from '../../../contracts/constants';
import type { Extra, MyMandate } from '../../../contracts/extras.contract';
import { lazyIsland } from '../../app/mantine-island';
import { useFormat } from '../../app/use-format';
import { KindPicker, ScoreButtons, SuggestionPills, ValuePicker } from '../../components/extra-fields.component';
import { LightAlert, LightButton, LightTextField } from '../../components/light.component';
import type { LogForm } from './log-extra.values';
import { ExcessList } from './log-extra-mandate.component';
import type { MandateExcess } from './mandate-check';

/* Field groups and notices of the log screen's form, in plain elements (app/light.css, no Mantine components). */

// Colleagues' similar stories while typing come with Mantine in a chunk of their own when they appear.
const SimilarStoriesHint = lazyIsland(() =>
  import('../../components/similar-stories.component').then((m) => m.SimilarStoriesHint),
);

/** Which of the fields that start folded away are open. */
export interface OpenFields {
  reactionText: boolean;
  customerRef: boolean;
  occurredAt: boolean;
}

/** What became of the last save: saved, kept on the phone for later, or a refused extra being fixed. */
export function LogNotices({
  saved,
  onCloseSaved,
  queued,
  onCloseQueued,
  fixing,
}: {
  saved: Extra | null;
  onCloseSaved: () => void;
  queued: boolean;
  onCloseQueued: () => void;
  fixing: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {saved && (
        <LightAlert color="green" onClose={onCloseSaved} closeLabel={t('common.close')}>
          <p className="kw-p kw-strong">{t('extras.log.savedTitle')}</p>
          <p className="kw-p">{saved.aboveMandate ? t('extras.log.savedAboveMandate') : t('extras.log.savedText')}</p>
          <Link to={`/extras/${saved.id}`} className="kw-link">
            {t('extras.log.viewSaved')}
          </Link>
        </LightAlert>
      )}
      {queued && (
        <LightAlert color="yellow" onClose={onCloseQueued} closeLabel={t('common.close')}>
          <p className="kw-p kw-strong">{t('extras.log.queuedTitle')}</p>
          <p className="kw-p">{t('extras.log.queuedText')}</p>
        </LightAlert>
      )}
      {fixing && (
        <LightAlert color="blue">
          <p className="kw-p">{t('offline.fixing')}</p>
        </LightAlert>
      )}
    </>
  );
}

/** The reaction's words, the customer and the moment: folded away behind a button each until wanted. */
export function FoldedFields({
  form,
  open,
  setOpen,
}: {
  form: LogForm;
  open: OpenFields;
  setOpen: Dispatch<SetStateAction<OpenFields>>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
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
    </>
  );
}

/** Beyond the mandate: why, and the reason it asks for before saving. */
export function AboveMandateReason({
  form,
  excesses,
  my,
  fallback,
  reasonRef,
}: {
  form: LogForm;
  excesses: MandateExcess[];
  my: MyMandate | undefined;
  fallback: boolean;
  reasonRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const { t } = useTranslation();
  return (
    <div className="kw-warn-box">
      <p className="kw-p kw-text-sm kw-strong">{t('extras.form.aboveMandateTitle')}</p>
      <ExcessList excesses={excesses} my={my} kind={form.values.kind as ExtraKind} fallback={fallback} />
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
  );
}

/** "Keep out of the team feed": a plain checkbox, with what it means once ticked. */
export function KeepOutOfFeed({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
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

/** What was the occasion and what was done: typed, or picked from what the team wrote before. */
export function OccasionAndAction({
  form,
  occasionSuggestions,
  actionSuggestions,
}: {
  form: LogForm;
  occasionSuggestions: string[];
  actionSuggestions: string[];
}) {
  const { t } = useTranslation();
  return (
    <>
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
    </>
  );
}

/** The kind of extra, what it cost and how long it took. */
export function KindAndCost({ form, language }: { form: LogForm; language: 'nl' | 'en' }) {
  const { t } = useTranslation();
  return (
    <>
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
    </>
  );
}

/** The values the extra served and the customer's reaction. */
export function ValuesAndScore({
  form,
  values,
}: {
  form: LogForm;
  values: ComponentProps<typeof ValuePicker>['values'];
}) {
  const { t } = useTranslation();
  return (
    <>
      <ValuePicker
        label={t('extras.form.values')}
        values={values}
        value={form.values.valueIds}
        onChange={(ids) => form.setFieldValue('valueIds', ids)}
        error={form.errors.valueIds}
      />

      <ScoreButtons
        label={t('extras.form.reactionScore')}
        value={form.values.reactionScore}
        onChange={(score) => form.setFieldValue('reactionScore', score)}
      />
    </>
  );
}
