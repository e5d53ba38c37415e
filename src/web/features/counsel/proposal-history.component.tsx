import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Proposal } from '../../../contracts/counsel.contract';
import { useFormat } from '../../app/use-format';
import { eventText } from './counsel-labels';

/** What happened to the proposal, oldest first: who did what and when, with the reason given. */
export function ProposalHistory({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (proposal.history.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('counsel.history.none')}
      </Text>
    );
  }
  return (
    <Stack gap="sm" component="ol" style={{ margin: 0, paddingLeft: 18 }}>
      {proposal.history.map((event, at) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the history only grows at its end; two events may share a moment
        <li key={`${event.at}-${at}`}>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <Text span size="xs" c="dimmed">
              {format.date(event.at, true)} ·{' '}
            </Text>
            {eventText(t, event)}
          </Text>
          {event.reason && (
            <Paper p="xs" mt={4} radius="sm" bg="gray.0">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {event.reason}
              </Text>
            </Paper>
          )}
        </li>
      ))}
    </Stack>
  );
}
