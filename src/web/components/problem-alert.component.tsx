import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isTemporary, problemMessage, shouldShowRequestId } from '../app/problem';

/** What went wrong with a call, in the person's language; a server fault shows the request id to quote. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color={isTemporary(error) ? 'yellow' : 'red'} role="alert" {...(title ? { title } : {})}>
      <Text size="sm">{problemMessage(t, error)}</Text>
      {shouldShowRequestId(error) && (
        <Text size="xs" mt={4} c="dimmed">
          {t('common.requestId', { requestId: error.requestId })}
        </Text>
      )}
    </Alert>
  );
}
