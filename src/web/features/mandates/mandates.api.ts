import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExtraKind } from '../../../contracts/constants';
import type { Mandate, MandateScope } from '../../../contracts/extras.contract';
import { apiDelete, apiGet, apiPut } from '../../app/api-client';
import { queryKeys } from '../../app/query-keys';

export interface MandateBody {
  scope: MandateScope;
  period: 'week' | 'month';
  budgetCents: number;
  maxPerExtraCents: number;
  allowedKinds: ExtraKind[];
}

export function useMandates() {
  return useQuery({
    queryKey: queryKeys.mandates,
    queryFn: () => apiGet<{ items: Mandate[] }>('/api/v1/mandates'),
    select: (data) => data.items,
  });
}

/** Sets the mandate for a role, team or person (one per scope: setting it again replaces it). */
export function usePutMandate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MandateBody) => apiPut<Mandate>('/api/v1/mandates', body),
    // Also /mandates/me: what applies to me may have changed.
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.mandates }),
  });
}

export function useDeleteMandate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (mandateId: string) => apiDelete<void>(`/api/v1/mandates/${encodeURIComponent(mandateId)}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.mandates }),
  });
}
