import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Team } from '../../../contracts/org.contract';
import type {
  CodeHolder,
  CounterDevice,
  CounterState,
  CounterStep,
  CreatedCounterDevice,
  ImportPreview,
  ImportResult,
  IssuedCode,
  IssuedCounterPin,
} from '../../../contracts/workforce.contract';
import { apiGet, apiPost } from '../../app/api-client';

const keys = {
  codeHolders: ['sign-in-codes'] as const,
  devices: ['counter-devices'] as const,
  counter: ['counter'] as const,
  counterSteps: ['counter', 'steps'] as const,
  teams: ['teams'] as const,
};

export function useTeamOptions() {
  return useQuery({
    queryKey: keys.teams,
    queryFn: () => apiGet<{ items: Team[] }>('/api/v1/teams'),
    select: (d) => d.items,
  });
}

export function useCodeHolders() {
  return useQuery({
    queryKey: keys.codeHolders,
    queryFn: () => apiGet<{ items: CodeHolder[] }>('/api/v1/sign-in-codes'),
    select: (d) => d.items,
  });
}

export function useAddCodePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; teamId: string }) => apiPost<IssuedCode>('/api/v1/sign-in-codes', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.codeHolders }),
  });
}

export function useReplaceCode() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) =>
      apiPost<IssuedCode>(`/api/v1/sign-in-codes/${encodeURIComponent(memberId)}/replace`),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.codeHolders }),
  });
}

/** A new counter PIN for a person (shown once); the old one stops at once. */
export function useIssuePin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) =>
      apiPost<IssuedCounterPin>(`/api/v1/members/${encodeURIComponent(memberId)}/counter-pin`),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.codeHolders }),
  });
}

/** Sends an imported invitation whose mail did not go once more (the same invitation, a fresh link). */
export function useResendInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      apiPost<{ mailedAt: string | null }>(`/api/v1/invitations/${encodeURIComponent(invitationId)}/resend`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['invitations'] }),
  });
}

export function useCounterDevices() {
  return useQuery({
    queryKey: keys.devices,
    queryFn: () => apiGet<{ items: CounterDevice[] }>('/api/v1/counter-devices'),
    select: (d) => d.items,
  });
}

export function useCreateCounterDevice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; teamId: string }) =>
      apiPost<CreatedCounterDevice>('/api/v1/counter-devices', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.devices }),
  });
}

export function useRevokeCounterDevice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deviceId: string) =>
      apiPost<CounterDevice>(`/api/v1/counter-devices/${encodeURIComponent(deviceId)}/revoke`),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.devices }),
  });
}

export function useImportPreview() {
  return useMutation({
    mutationFn: (text: string) => apiPost<ImportPreview>('/api/v1/members/import/preview', { text }),
  });
}

export function useRunImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => apiPost<ImportResult>('/api/v1/members/import', { text }),
    onSuccess: () => void client.invalidateQueries(),
  });
}

// ---------- on the counter device ----------

export function useCounterState(enabled: boolean) {
  return useQuery({
    queryKey: keys.counter,
    queryFn: () => apiGet<CounterState>('/api/v1/counter'),
    enabled,
    retry: false,
  });
}

export function useCounterSteps(enabled: boolean) {
  return useQuery({
    queryKey: keys.counterSteps,
    queryFn: () => apiGet<{ items: CounterStep[] }>('/api/v1/counter/steps'),
    enabled,
    select: (d) => d.items,
  });
}

export function useCounterAction<T>(action: (body: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSettled: () => void client.invalidateQueries({ queryKey: keys.counter }),
  });
}
