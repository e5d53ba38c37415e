import { Alert, Button, Card, Stack, Text, Title } from '@mantine/core';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail } from '../../../contracts/questions.contract';
import { textIn } from '../../app/campaign-labels';
import { isLanguage } from '../../app/i18n';
import { useDays } from '../../app/use-days';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { initialMirror, mirrorPayload, mirrorQuestions } from './answer-form';
import { ScaleQuestion } from './answer-scale.component';
import { useSaveMirror } from './questions.api';

/**
 * "Jouw spiegel": a manager's own view on the leadership questions, kept with their name and seen
 * only by them, beside their team's view once the campaign closes. Saved apart from the anonymous answers.
 */
export function AnswerMirror({ campaign }: { campaign: CampaignDetail }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const phone = useIsPhone();
  const days = useDays();
  const titleId = useId();
  const save = useSaveMirror(campaign.id);
  const questions = mirrorQuestions(campaign);
  const [values, setValues] = useState(() => initialMirror(campaign));
  const [saved, setSaved] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);
  if (questions.length === 0) return null;
  const ids = questions.map((q) => q.id);
  const answered = mirrorPayload(ids, values).answers.length;

  return (
    <Card
      withBorder
      padding={phone ? 'sm' : 'lg'}
      radius="md"
      component="section"
      aria-labelledby={titleId}
      bg="var(--mantine-color-gray-0)"
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(mirrorPayload(ids, values), {
            onSuccess: () => {
              setSaved(true);
              window.setTimeout(() => doneRef.current?.focus(), 50);
            },
          });
        }}
      >
        <Stack gap="md">
          <Title order={2} size="h3" id={titleId}>
            {t('questions.selfView.title')}
          </Title>
          <Text size="sm">{t('questions.selfView.intro')}</Text>
          {questions.map((question) => (
            <Card key={question.id} withBorder padding={phone ? 'sm' : 'md'} radius="md">
              <ScaleQuestion
                question={textIn(question.selfView, language)}
                kind="agree5"
                value={values[question.id] ?? null}
                onChange={(value) => {
                  setValues((current) => ({ ...current, [question.id]: value }));
                  setSaved(false);
                }}
              />
            </Card>
          ))}
          <ProblemAlert error={save.error} />
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('questions.selfView.progress', { answered, total: questions.length })}
          </Text>
          <Button
            type="submit"
            variant="light"
            size={phone ? 'lg' : 'md'}
            fullWidth={phone}
            loading={save.isPending}
            style={phone ? undefined : { alignSelf: 'flex-start' }}
          >
            {t('questions.selfView.save')}
          </Button>
          {saved && (
            <Alert ref={doneRef} tabIndex={-1} color="green" role="status">
              <Text size="sm">{t('questions.selfView.saved', { day: days.day(campaign.closesOn) })}</Text>
            </Alert>
          )}
        </Stack>
      </form>
    </Card>
  );
}
