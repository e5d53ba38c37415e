import { Alert, Box, Button, Card, Stack, Text, Textarea, Title } from '@mantine/core';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail, CampaignQuestion } from '../../../contracts/questions.contract';
import { textIn, themeLabel } from '../../app/campaign-labels';
import { isLanguage } from '../../app/i18n';
import { useDays } from '../../app/use-days';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import {
  type AnswerEntry,
  answeredCount,
  answersPayload,
  EMPTY_ANSWER,
  groupByTheme,
  initialAnswers,
  OPEN_TEXT_MAX,
} from './answer-form';
import { ScaleQuestion } from './answer-scale.component';
import { useSaveAnswers } from './questions.api';

/**
 * The answers to an open campaign, made for a phone: what happens to them first, one card per
 * question grouped by theme, every question may be skipped, one Save for all. Filled in with what I
 * answered before; saving again replaces it.
 */
export function AnswerForm({ campaign, preview = false }: { campaign: CampaignDetail; preview?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const phone = useIsPhone();
  const days = useDays();
  const titleId = useId();
  const save = useSaveAnswers(campaign.id);
  const [answers, setAnswers] = useState(() => initialAnswers(campaign.questions, campaign.myAnswers));
  /** The outcome of the last save, shown beside the button until something changes. */
  const [saved, setSaved] = useState<number | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const closesOn = days.day(campaign.closesOn);
  const answered = answeredCount(campaign.questions, answers);
  const groups = groupByTheme(campaign.questions);

  const change = (questionId: string, entry: Partial<AnswerEntry>) => {
    setAnswers((current) => ({ ...current, [questionId]: { ...(current[questionId] ?? EMPTY_ANSWER), ...entry } }));
    setSaved(null);
  };

  const submit = () => {
    if (preview) return;
    save.mutate(answersPayload(campaign.questions, answers), {
      onSuccess: (result) => {
        setSaved(result.saved);
        window.setTimeout(() => doneRef.current?.focus(), 50);
      },
    });
  };

  let number = 0;
  return (
    <Stack gap="md" component="section" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId}>
        {t('questions.answer.title')}
      </Title>
      <Alert color="teal" variant="light" title={t('questions.answer.anonymityTitle')}>
        <Text size="sm">{t('questions.answer.anonymity', { minGroup: campaign.minGroup })}</Text>
        <Text size="sm" mt={4}>
          {t('questions.answer.skipHint')}
        </Text>
      </Alert>
      {preview && (
        <Alert color="blue" variant="light" role="note">
          <Text size="sm">{t('questions.preview.note')}</Text>
        </Alert>
      )}
      {campaign.myStatus === 'answered' && saved === null && (
        <Text size="sm" c="dimmed">
          {t('questions.answer.alreadyAnswered', { day: closesOn })}
        </Text>
      )}

      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="lg">
          {groups.map((group) => (
            <Stack key={group.theme} gap="sm">
              <Title order={3} size="h5" c="dimmed" tt="uppercase" style={{ letterSpacing: '0.03em' }}>
                {themeLabel(t, group.theme)}
              </Title>
              {group.items.map((question) => {
                number += 1;
                return (
                  <Card key={question.id} withBorder padding={phone ? 'sm' : 'md'} radius="md">
                    <QuestionField
                      question={question}
                      number={number}
                      total={campaign.questions.length}
                      text={textIn(question.text, language)}
                      entry={answers[question.id] ?? EMPTY_ANSWER}
                      minTexts={campaign.minTexts}
                      onChange={(entry) => change(question.id, entry)}
                    />
                  </Card>
                );
              })}
            </Stack>
          ))}

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
            <Stack gap="xs">
              <ProblemAlert error={save.error} />
              <Text size="sm" c="dimmed" aria-live="polite">
                {t('questions.answer.progress', { answered, total: campaign.questions.length })}
              </Text>
              {!preview && (
                <Button
                  type="submit"
                  size="lg"
                  fullWidth={phone}
                  loading={save.isPending}
                  style={phone ? undefined : { alignSelf: 'flex-start' }}
                >
                  {t('questions.answer.save')}
                </Button>
              )}
            </Stack>
          </Box>

          {saved !== null && (
            <Alert ref={doneRef} tabIndex={-1} color="green" role="status">
              <Text size="sm">
                {saved > 0
                  ? t('questions.answer.saved', { day: closesOn })
                  : t('questions.answer.savedNone', { day: closesOn })}
              </Text>
            </Alert>
          )}
        </Stack>
      </form>
    </Stack>
  );
}

interface QuestionFieldProps {
  question: CampaignQuestion;
  number: number;
  total: number;
  text: string;
  entry: AnswerEntry;
  minTexts: number;
  onChange: (entry: Partial<AnswerEntry>) => void;
}

function QuestionField({ question, number, total, text, entry, minTexts, onChange }: QuestionFieldProps) {
  const eyebrow = (
    <Text size="xs" c="dimmed" mb={2} aria-hidden="true">
      {number}/{total}
    </Text>
  );
  if (question.kind === 'open') {
    return (
      <>
        {eyebrow}
        <OpenQuestion
          text={text}
          value={entry.text}
          minTexts={minTexts}
          onChange={(value) => onChange({ text: value })}
        />
      </>
    );
  }
  return (
    <>
      {eyebrow}
      <ScaleQuestion
        question={text}
        kind={question.kind}
        value={entry.value}
        onChange={(value) => onChange({ value })}
      />
    </>
  );
}

function OpenQuestion({
  text,
  value,
  minTexts,
  onChange,
}: {
  text: string;
  value: string;
  minTexts: number;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Textarea
      label={text}
      description={t('questions.answer.openHint', { minTexts })}
      autosize
      minRows={3}
      maxRows={10}
      maxLength={OPEN_TEXT_MAX}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      styles={{ label: { fontWeight: 600, fontSize: 'var(--mantine-font-size-md)', marginBottom: 4 } }}
    />
  );
}
