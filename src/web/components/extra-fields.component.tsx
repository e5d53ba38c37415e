import { type KeyboardEvent, type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { EXTRA_KINDS, type ExtraKind, REACTION_SCORES } from '../../contracts/constants';
import type { CoreValue } from '../../contracts/values.contract';
import { kindLabel, SCORE_COLORS, scoreLabel } from '../app/extra-labels';
import { FieldFrame, LightButton } from './light.component';

/** A simple face: the mouth curves from a frown (1) to a broad smile (5). Drawn, so no emoji font is needed. */
export function ScoreFace({ score, size = 28 }: { score: number; size?: number }) {
  const curve = (score - 3) * 2.5; // -5 .. 5
  const color = `var(--mantine-color-${SCORE_COLORS[score] ?? 'gray'}-7)`;
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" style={{ flexShrink: 0 }}>
      <circle
        cx="16"
        cy="16"
        r="14"
        fill={`var(--mantine-color-${SCORE_COLORS[score] ?? 'gray'}-1)`}
        stroke={color}
        strokeWidth="2"
      />
      <circle cx="11" cy="13" r="1.8" fill={color} />
      <circle cx="21" cy="13" r="1.8" fill={color} />
      <path
        d={`M10 ${21 - curve / 2} Q16 ${21 + curve} 22 ${21 - curve / 2}`}
        fill="none"
        stroke={color}
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** Five big buttons, very negative to very positive; tapping the chosen one again clears it (it is optional). */
export function ScoreButtons({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number | null;
  onChange: (score: number | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <FieldFrame id={id} label={label} labelElement="div">
      {/* biome-ignore lint/a11y/useSemanticElements: a plain div keeps the grid free of a fieldset's own box and legend rules */}
      <div className="kw-grid5" style={{ marginTop: 6 }} role="group" aria-labelledby={`${id}-label`}>
        {REACTION_SCORES.map((score) => {
          const pressed = value === score;
          const color = SCORE_COLORS[score] ?? 'gray';
          return (
            <button
              key={score}
              type="button"
              className="kw-choice"
              aria-label={scoreLabel(t, score)}
              aria-pressed={pressed}
              onClick={() => onChange(pressed ? null : score)}
              style={
                pressed
                  ? {
                      borderColor: `var(--mantine-color-${color}-6)`,
                      background: `var(--mantine-color-${color}-0)`,
                    }
                  : undefined
              }
            >
              <ScoreFace score={score} size={30} />
              <span className="kw-choice-label" style={{ fontWeight: pressed ? 700 : 400 }} aria-hidden="true">
                {scoreLabel(t, score)}
              </span>
            </button>
          );
        })}
      </div>
    </FieldFrame>
  );
}

/**
 * The five kinds as large chips; one is chosen. Buttons with radio semantics (arrow keys move the
 * choice), so they are big to tap and plain to reach for assistive tech and tests.
 */
export function KindPicker({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (kind: ExtraKind) => void;
  error?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const current = EXTRA_KINDS.indexOf(value as ExtraKind);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? -1
          : 0;
    if (!step) return;
    event.preventDefault();
    const next = EXTRA_KINDS[(Math.max(current, 0) + step + EXTRA_KINDS.length) % EXTRA_KINDS.length]!;
    onChange(next);
    event.currentTarget.querySelector<HTMLElement>(`[data-kind="${next}"]`)?.focus();
  };
  return (
    <FieldFrame id={id} label={label} labelElement="div" error={error}>
      <div
        className="kw-row"
        style={{ marginTop: 6 }}
        role="radiogroup"
        aria-labelledby={`${id}-label`}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={!!error || undefined}
        onKeyDown={onKeyDown}
      >
        {EXTRA_KINDS.map((kind, index) => {
          const checked = value === kind;
          return (
            <LightButton
              key={kind}
              data-kind={kind}
              role="radio"
              aria-checked={checked}
              tabIndex={checked || (current < 0 && index === 0) ? 0 : -1}
              variant={checked ? 'filled' : 'default'}
              round
              style={{ paddingInline: 20 }}
              onClick={() => onChange(kind)}
            >
              {kindLabel(t, kind)}
            </LightButton>
          );
        })}
      </div>
    </FieldFrame>
  );
}

/** The active core values as chips; several may apply. Retired values already chosen stay choosable. */
export function ValuePicker({
  label,
  values,
  value,
  onChange,
  error,
}: {
  label: string;
  values: CoreValue[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <FieldFrame id={id} label={label} labelElement="div" error={error}>
      {values.length === 0 ? (
        <p className="kw-p kw-text-sm kw-dimmed" style={{ marginTop: 4 }}>
          {t('extras.form.noValues')}
        </p>
      ) : (
        // biome-ignore lint/a11y/useSemanticElements: a plain div keeps the row free of a fieldset's own box and legend rules
        <div
          className="kw-row"
          style={{ marginTop: 6 }}
          role="group"
          aria-labelledby={`${id}-label`}
          aria-describedby={error ? `${id}-error` : undefined}
        >
          {values.map((v) => {
            const checked = value.includes(v.id);
            return (
              <LightButton
                key={v.id}
                role="checkbox"
                aria-checked={checked}
                variant={checked ? 'light' : 'default'}
                round
                size="sm"
                leftSection={<span aria-hidden="true">{checked ? '✓' : '+'}</span>}
                onClick={() => onChange(checked ? value.filter((x) => x !== v.id) : [...value, v.id])}
              >
                {v.name}
              </LightButton>
            );
          })}
        </div>
      )}
    </FieldFrame>
  );
}

/** Recent texts from this organisation that fit what is typed so far; a tap fills the field. */
export function SuggestionPills({
  suggestions,
  typed,
  onPick,
}: {
  suggestions: string[];
  typed: string;
  onPick: (text: string) => void;
}) {
  const { t } = useTranslation();
  const needle = typed.trim().toLowerCase();
  const fitting = suggestions
    .filter((s) => s.toLowerCase() !== needle && (!needle || s.toLowerCase().includes(needle)))
    .slice(0, 3);
  if (fitting.length === 0) return null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a plain div keeps the row free of a fieldset's own box and legend rules
    <div className="kw-row" style={{ gap: 6, marginTop: 6 }} aria-label={t('extras.form.recent')} role="group">
      <span className="kw-text-xs kw-dimmed">{t('extras.form.recent')}</span>
      {fitting.map((text) => (
        <LightButton
          key={text}
          size="compact-sm"
          variant="default"
          round
          onClick={() => onPick(text)}
          title={text}
          style={{ fontWeight: 400 }}
        >
          {/* A long text ends in "…" on a phone. */}
          <span
            data-suggestion
            style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
          >
            {text}
          </span>
        </LightButton>
      ))}
    </div>
  );
}
