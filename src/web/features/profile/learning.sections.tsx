import { Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ConversationNote } from '../../../contracts/learning.contract';
import { apiGet, apiPut } from '../../app/api-client';
import { ACCESS } from '../../app/nav.config';
import { queryKeys } from '../../app/query-keys';
import { useFormat } from '../../app/use-format';
import { useHasRole } from '../../app/use-me';
import { notifySuccess } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';

// On the profile: the weekly digest e-mail (on unless turned off) and what managers wrote down of
// conversations with me.

function useDigestPreference() {
  return useQuery({
    queryKey: queryKeys.digestPreference,
    queryFn: () => apiGet<{ digest: boolean }>('/api/v1/digest/preference'),
  });
}

function useSetDigestPreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (digest: boolean) => apiPut<{ digest: boolean }>('/api/v1/digest/preference', { digest }),
    onSuccess: (data) => queryClient.setQueryData(queryKeys.digestPreference, data),
  });
}

export function DigestSection() {
  const { t } = useTranslation();
  const preference = useDigestPreference();
  const set = useSetDigestPreference();
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section">
      <Title order={2} size="h4" mb="md">
        {t('digest.title')}
      </Title>
      <Stack gap="xs">
        <ProblemAlert error={preference.error ?? set.error} />
        <Switch
          label={t('digest.label')}
          description={t('digest.description')}
          checked={preference.data?.digest ?? true}
          disabled={!preference.data || set.isPending}
          onChange={(event) =>
            set.mutate(event.currentTarget.checked, {
              onSuccess: (data) => notifySuccess(data.digest ? t('digest.on') : t('digest.off')),
            })
          }
        />
      </Stack>
    </Paper>
  );
}

export function MyNotesSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const staff = useHasRole(ACCESS.extras);
  const notes = useQuery({
    queryKey: queryKeys.myConversationNotes,
    queryFn: () => apiGet<{ items: ConversationNote[] }>('/api/v1/conversation-notes/me'),
    select: (data) => data.items,
    enabled: staff,
  });
  if (!staff || !notes.data?.length) return null;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section">
      <Title order={2} size="h4" mb="xs">
        {t('digest.notesTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('digest.notesIntro')}
      </Text>
      <Stack gap="sm">
        {notes.data.map((note) => (
          <Paper key={note.id} p="sm" bg="gray.0" radius="sm">
            <Text size="xs" c="dimmed">
              {t('digest.noteBy', { name: note.manager.name, date: format.date(note.createdAt) })}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {note.body}
            </Text>
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}
