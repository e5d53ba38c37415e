import { Button, Card, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';
import { type Decision, useDecide } from './counsel.api';

const REASON_MAX = 2000;

/**
 * The director's decision on a proposal in the queue: approve, decline or ask for more, always with
 * the reason (the advisor reads it). Give it `key={proposal.id}` so a new proposal starts empty.
 */
export function DecisionPanel({
  proposalId,
  onDecided,
}: {
  proposalId: string;
  onDecided?: (decision: Decision) => void;
}) {
  const { t } = useTranslation();
  const decide = useDecide();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Decision | null>(null);

  const submit = (decision: Decision) => {
    const text = reason.trim();
    const problem = !text
      ? t('counsel.decision.reasonRequired')
      : text.length > REASON_MAX
        ? t('validation.too_big')
        : null;
    setError(problem);
    if (problem) return;
    setPending(decision);
    decide.mutate(
      { proposalId, decision, reason: text },
      {
        onSuccess: () => {
          notifySuccess(
            decision === 'approve'
              ? t('counsel.decision.approved')
              : decision === 'decline'
                ? t('counsel.decision.declined')
                : t('counsel.decision.moreAsked'),
          );
          setReason('');
          onDecided?.(decision);
        },
        onSettled: () => setPending(null),
      },
    );
  };

  return (
    <Card
      withBorder
      padding="lg"
      radius="md"
      className="kw-no-print"
      style={{ borderColor: 'var(--mantine-color-blue-4)', borderWidth: 2 }}
    >
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            {t('counsel.decision.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('counsel.decision.intro')}
          </Text>
        </div>
        <ProblemAlert error={decide.error} />
        <Textarea
          label={t('counsel.decision.reason')}
          description={t('counsel.decision.reasonHint')}
          withAsterisk
          autosize
          minRows={3}
          maxRows={10}
          maxLength={REASON_MAX}
          value={reason}
          error={error}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            if (error) setError(null);
          }}
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <Button
            color="green"
            size="md"
            loading={pending === 'approve'}
            disabled={decide.isPending && pending !== 'approve'}
            onClick={() => submit('approve')}
          >
            {t('counsel.decision.approve')}
          </Button>
          <Button
            color="red"
            size="md"
            loading={pending === 'decline'}
            disabled={decide.isPending && pending !== 'decline'}
            onClick={() => submit('decline')}
          >
            {t('counsel.decision.decline')}
          </Button>
          <Button
            variant="default"
            size="md"
            loading={pending === 'more'}
            disabled={decide.isPending && pending !== 'more'}
            onClick={() => submit('more')}
          >
            {t('counsel.decision.more')}
          </Button>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
