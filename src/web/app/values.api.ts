import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CoreValue, Offering, Purpose } from '../../contracts/values.contract';
import { apiGet, apiPatch, apiPost, apiPut, queryString } from './api-client';
import { queryKeys } from './query-keys';

export interface PurposeBody {
  purpose: string;
  offerSummary: string;
  audience: string;
}

export interface ValueBody {
  name: string;
  description: string;
  behaviours: string[];
}

export interface OfferingBody {
  name: string;
  description: string;
  audience: string;
  leadTimeDays: number | null;
  conditions: string[];
}

export function usePurpose() {
  return useQuery({
    queryKey: queryKeys.purpose,
    queryFn: () => apiGet<Purpose>('/api/v1/purpose'),
    staleTime: 5 * 60_000,
  });
}

export function useUpdatePurpose() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PurposeBody) => apiPut<Purpose>('/api/v1/purpose', body),
    onSuccess: (purpose) => client.setQueryData(queryKeys.purpose, purpose),
  });
}

/** The core values in their order; with the retired ones too when asked. */
export function useValues(includeRetired = false) {
  return useQuery({
    queryKey: queryKeys.valueList(includeRetired),
    queryFn: () =>
      apiGet<{ items: CoreValue[] }>(`/api/v1/values${queryString({ includeRetired: String(includeRetired) })}`),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

function useValuesChanged() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: queryKeys.values });
}

const valuePath = (valueId: string) => `/api/v1/values/${encodeURIComponent(valueId)}`;

export function useCreateValue() {
  const changed = useValuesChanged();
  return useMutation({
    mutationFn: (body: ValueBody) => apiPost<CoreValue>('/api/v1/values', body),
    onSuccess: changed,
  });
}

export function useUpdateValue(valueId: string) {
  const changed = useValuesChanged();
  return useMutation({
    mutationFn: (body: ValueBody) => apiPatch<CoreValue>(valuePath(valueId), body),
    onSuccess: changed,
  });
}

export function useSetValueRetired() {
  const changed = useValuesChanged();
  return useMutation({
    mutationFn: ({ valueId, retired }: { valueId: string; retired: boolean }) =>
      apiPost<CoreValue>(`${valuePath(valueId)}/${retired ? 'retire' : 'restore'}`),
    onSuccess: changed,
  });
}

/** A new order of the active values; the lists show it at once, and go back if the server refuses. */
export function useReorderValues() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => apiPut<{ items: CoreValue[] }>('/api/v1/values/order', { ids }),
    onMutate: async (ids) => {
      await client.cancelQueries({ queryKey: queryKeys.values });
      const previous = client.getQueriesData<{ items: CoreValue[] }>({ queryKey: queryKeys.values });
      for (const [key, data] of previous) {
        if (!data) continue;
        const position = new Map(ids.map((id, index) => [id, index]));
        const items = [...data.items].sort(
          (a, b) => (position.get(a.id) ?? 1e6 + a.position) - (position.get(b.id) ?? 1e6 + b.position),
        );
        client.setQueryData(key, { items });
      }
      return { previous };
    },
    onError: (_error, _ids, context) => {
      for (const [key, data] of context?.previous ?? []) client.setQueryData(key, data);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: queryKeys.values }),
  });
}

export function useOfferings(includeRetired = false) {
  return useQuery({
    queryKey: queryKeys.offeringList(includeRetired),
    queryFn: () =>
      apiGet<{ items: Offering[] }>(`/api/v1/offerings${queryString({ includeRetired: String(includeRetired) })}`),
    select: (data) => data.items,
  });
}

function useOfferingsChanged() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: queryKeys.offerings });
}

const offeringPath = (offeringId: string) => `/api/v1/offerings/${encodeURIComponent(offeringId)}`;

export function useCreateOffering() {
  const changed = useOfferingsChanged();
  return useMutation({
    mutationFn: (body: OfferingBody) => apiPost<Offering>('/api/v1/offerings', body),
    onSuccess: changed,
  });
}

export function useUpdateOffering(offeringId: string) {
  const changed = useOfferingsChanged();
  return useMutation({
    mutationFn: (body: OfferingBody) => apiPatch<Offering>(offeringPath(offeringId), body),
    onSuccess: changed,
  });
}

export function useSetOfferingRetired() {
  const changed = useOfferingsChanged();
  return useMutation({
    mutationFn: ({ offeringId, retired }: { offeringId: string; retired: boolean }) =>
      apiPost<Offering>(`${offeringPath(offeringId)}/${retired ? 'retire' : 'restore'}`),
    onSuccess: changed,
  });
}
