import { Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiDelete, apiGet, apiPut } from '../../app/api-client';
import { notifySuccess } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';

// On the profile: the PIN with which the person starts on their team's counter device (a shared tablet).

const PIN_KEY = ['me', 'counter-pin'] as const;

export function CounterPinSection() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const state = useQuery({ queryKey: PIN_KEY, queryFn: () => apiGet<{ hasPin: boolean }>('/api/v1/me/counter-pin') });
  const set = useMutation({
    mutationFn: (pin: string) => apiPut<{ hasPin: boolean }>('/api/v1/me/counter-pin', { pin }),
    onSuccess: (data) => client.setQueryData(PIN_KEY, data),
  });
  const remove = useMutation({
    mutationFn: () => apiDelete<{ hasPin: boolean }>('/api/v1/me/counter-pin'),
    onSuccess: (data) => client.setQueryData(PIN_KEY, data),
  });
  const [pin, setPin] = useState('');
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section">
      <Title order={2} size="h4" mb="md">
        {t('workforce.pin.title')}
      </Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          set.mutate(pin, {
            onSuccess: () => {
              setPin('');
              notifySuccess(t('workforce.pin.saved'));
            },
          });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{state.data?.hasPin ? t('workforce.pin.has') : t('workforce.pin.none')}</Text>
          <ProblemAlert error={state.error ?? set.error ?? remove.error} />
          <PasswordInput
            label={state.data?.hasPin ? t('workforce.pin.newPin') : t('workforce.pin.pin')}
            description={t('workforce.pin.help')}
            value={pin}
            onChange={(e) => setPin(e.currentTarget.value.replace(/\D/g, '').slice(0, 8))}
            inputMode="numeric"
            autoComplete="off"
          />
          <Group>
            <Button type="submit" loading={set.isPending} disabled={pin.length < 4}>
              {t('workforce.pin.save')}
            </Button>
            {state.data?.hasPin && (
              <Button variant="subtle" color="red.8" loading={remove.isPending} onClick={() => remove.mutate()}>
                {t('workforce.pin.remove')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
