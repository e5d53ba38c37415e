import { Box, Button, Group, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { type KeyboardEvent, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { agreeLabel } from '../../app/campaign-labels';

interface ScaleQuestionProps {
  /** The question, the legend of the group. */
  question: string;
  kind: 'agree5' | 'scale10';
  value: number | null;
  onChange: (value: number | null) => void;
}

const AGREE = [1, 2, 3, 4, 5];
const SCALE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * One question with a score: a fieldset whose legend is the question, the scores as big buttons with
 * radio semantics (one tab stop, arrow keys move the choice), and a way to clear the choice, since
 * every question may be skipped. agree5: five labelled buttons; scale10: 0–10 on one row, also on a phone.
 */
export function ScaleQuestion({ question, kind, value, onChange }: ScaleQuestionProps) {
  const { t } = useTranslation();
  const id = useId();
  const legendId = `${id}-legend`;
  const hintId = `${id}-hint`;
  const scores = kind === 'agree5' ? AGREE : SCALE;
  const current = value === null ? -1 : scores.indexOf(value);
  const groupRef = useRef<HTMLDivElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? -1
          : 0;
    if (!step) return;
    event.preventDefault();
    const next = scores[(Math.max(current, step > 0 ? -1 : 0) + step + scores.length) % scores.length]!;
    onChange(next);
    event.currentTarget.querySelector<HTMLElement>(`[data-score="${next}"]`)?.focus();
  };

  return (
    <Box component="fieldset" m={0} p={0} style={{ border: 0, minWidth: 0 }}>
      <Text
        component="legend"
        id={legendId}
        fw={600}
        p={0}
        mb={kind === 'scale10' ? 2 : 8}
        style={{ overflowWrap: 'anywhere' }}
      >
        {question}
      </Text>
      {kind === 'scale10' && (
        <Text id={hintId} size="xs" c="dimmed" mb={8}>
          {t('questions.scale.low')} · {t('questions.scale.high')}
        </Text>
      )}
      <SimpleGrid
        cols={kind === 'agree5' ? 5 : 11}
        spacing={kind === 'agree5' ? 6 : { base: 3, xs: 6 }}
        verticalSpacing={6}
        ref={groupRef}
        role="radiogroup"
        aria-labelledby={legendId}
        aria-describedby={kind === 'scale10' ? hintId : undefined}
        onKeyDown={onKeyDown}
      >
        {scores.map((score, index) => {
          const checked = value === score;
          return (
            <UnstyledButton
              key={score}
              type="button"
              role="radio"
              aria-checked={checked}
              data-score={score}
              tabIndex={checked || (current < 0 && index === 0) ? 0 : -1}
              onClick={() => onChange(score)}
              style={{
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'center',
                minHeight: kind === 'agree5' ? 56 : 44,
                padding: '6px 1px',
                borderRadius: 'var(--mantine-radius-md)',
                border: `2px solid ${checked ? 'var(--mantine-color-blue-6)' : 'var(--mantine-color-gray-4)'}`,
                background: checked ? 'var(--mantine-color-blue-6)' : 'var(--mantine-color-body)',
                color: checked ? 'var(--mantine-color-white)' : 'inherit',
              }}
            >
              <Text
                span
                fz={kind === 'agree5' ? { base: 11, xs: 'xs' } : 'md'}
                ta="center"
                lh={1.15}
                fw={checked ? 700 : 500}
                style={{ hyphens: 'auto' }}
              >
                {kind === 'agree5' ? agreeLabel(t, score) : score}
              </Text>
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
      <ClearChoice
        question={question}
        visible={value !== null}
        onClear={() => {
          onChange(null);
          // The clear button goes away: the focus goes back to the scores.
          groupRef.current?.querySelector<HTMLElement>('[role="radio"]')?.focus();
        }}
      />
    </Box>
  );
}

/** Shown once something is chosen: the way back to "skipped". Keeps its place, so the layout does not jump. */
function ClearChoice({ question, visible, onClear }: { question: string; visible: boolean; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt={4} mih={30}>
      {visible ? (
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          aria-label={t('questions.scale.clearLabel', { question })}
          onClick={onClear}
        >
          {t('questions.scale.clear')}
        </Button>
      ) : (
        <Text size="xs" c="dimmed">
          {t('questions.scale.notAnswered')}
        </Text>
      )}
    </Group>
  );
}
