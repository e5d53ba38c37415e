import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignResults, QuestionResult } from '../../../contracts/questions.contract';
import { themeLabel } from '../../app/campaign-labels';
import { DistributionChart } from './results-distribution.component';
import { useResultsFormat } from './results-format';
import { isScored, withheldText } from './results-model';
import { ResultsTrend } from './results-trend.component';

// One question's result for the chosen group: the spread, the average (and the internal promoter score
// for a 0–10 question), how many answered, the trend; for an open question the answers themselves.

export function ResultsQuestionCard({
  question,
  campaign,
  canAct,
  onAct,
}: {
  question: QuestionResult;
  campaign: CampaignResults['campaign'];
  canAct: boolean;
  onAct: () => void;
}) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  const figures = question.figures;
  const titleId = `question-${question.questionId}`;
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Title order={3} size="h5" id={titleId} style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
            {f.text(question.text)}
          </Title>
          <Badge variant="light" color="gray" style={{ flexShrink: 0 }} visibleFrom="xs">
            {themeLabel(t, question.theme)}
          </Badge>
        </Group>

        {isScored(question.kind) ? (
          figures.status !== 'shown' ? (
            <Text size="sm" c="dimmed">
              {withheldText(t, figures.status, campaign.minGroup)}
            </Text>
          ) : (
            <>
              <Text size="sm" aria-hidden>
                {[
                  t('questions.results.answers', { count: figures.respondents ?? 0 }),
                  t('questions.results.average', {
                    average: f.average(figures.average),
                    max: question.kind === 'agree5' ? 5 : 10,
                  }),
                  question.kind === 'scale10'
                    ? t('questions.results.promoterScore', { score: f.promoterScore(figures.promoterScore) })
                    : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              <DistributionChart kind={question.kind} figures={figures} />
              {question.kind === 'scale10' && (
                <Text size="xs" c="dimmed">
                  {t('questions.results.promoterHint')}
                </Text>
              )}
              <ResultsTrend kind={question.kind} trend={question.trend} current={figures} />
            </>
          )
        ) : (
          <OpenAnswers question={question} minTexts={campaign.minTexts} />
        )}

        {canAct && (
          <Group>
            <Button size="compact-sm" variant="light" onClick={onAct}>
              {t('questions.actions.add')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function OpenAnswers({ question, minTexts }: { question: QuestionResult; minTexts: number }) {
  const { t } = useTranslation();
  if (question.figures.status !== 'shown' || question.texts === null) {
    return (
      <Text size="sm" c="dimmed">
        {withheldText(t, question.figures.status === 'shown' ? 'too_few' : question.figures.status, minTexts, true)}
      </Text>
    );
  }
  if (question.texts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('questions.results.open.none')}
      </Text>
    );
  }
  return (
    <>
      <Text size="xs" c="dimmed">
        {question.figures.respondents !== null && question.figures.respondents > question.texts.length
          ? t('questions.results.open.sample', { shown: question.texts.length, count: question.figures.respondents })
          : t('questions.results.answers', { count: question.texts.length })}{' '}
        · {t('questions.results.open.randomOrder')}
      </Text>
      <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {question.texts.map((text, i) => (
          <Text
            // biome-ignore lint/suspicious/noArrayIndexKey: answers are shown read-only in a fixed random order and may repeat word for word
            key={i}
            component="li"
            size="sm"
            px="sm"
            py={6}
            style={{
              whiteSpace: 'pre-wrap',
              overflowWrap: 'anywhere',
              borderLeft: '3px solid var(--mantine-color-gray-3)',
              background: 'var(--mantine-color-gray-0)',
              borderRadius: 4,
            }}
          >
            {text}
          </Text>
        ))}
      </Stack>
    </>
  );
}
