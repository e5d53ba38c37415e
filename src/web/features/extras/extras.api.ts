import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ExtraKind, ReactionScore } from '../../../contracts/constants';
import type { Extra, extraDetail, extraPage, MyMandate, suggestions } from '../../../contracts/extras.contract';
import { apiDelete, apiGet, apiPatch, apiPost, apiPut, queryString } from '../../app/api-client';
import { queryKeys } from '../../app/query-keys';

export type ExtraDetail = z.infer<typeof extraDetail>;
export type ExtraPage = z.infer<typeof extraPage>;
export type Suggestions = z.infer<typeof suggestions>;
export type ExtraScope = 'mine' | 'team' | 'all';

export interface ExtraFilters {
  scope: ExtraScope;
  from?: string | undefined;
  to?: string | undefined;
  valueId?: string | undefined;
  kind?: ExtraKind | undefined;
  teamId?: string | undefined;
  memberId?: string | undefined;
}

export interface ExtraChanges {
  occurredAt?: string;
  occasion?: string;
  action?: string;
  kind?: ExtraKind;
  costCents?: number;
  minutes?: number;
  valueIds?: string[];
  customerRef?: string | null;
  aboveMandateReason?: string;
}

const extraPath = (extraId: string) => `/api/v1/extras/${encodeURIComponent(extraId)}`;

function filterParams(filters: ExtraFilters): Record<string, string | undefined> {
  return {
    scope: filters.scope,
    from: filters.from,
    to: filters.to,
    valueId: filters.valueId,
    kind: filters.kind,
    teamId: filters.teamId,
    memberId: filters.memberId,
  };
}

/** The CSV of what the list shows (the browser sends the session cookie with the download). */
export function extrasExportUrl(filters: ExtraFilters): string {
  return `/api/v1/extras/export.csv${queryString(filterParams(filters))}`;
}

export function useMyMandate(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.myMandate,
    queryFn: () => apiGet<MyMandate>('/api/v1/mandates/me'),
    enabled: options.enabled ?? true,
  });
}

export function useExtraSuggestions() {
  return useQuery({
    queryKey: queryKeys.extraSuggestions,
    queryFn: () => apiGet<Suggestions>('/api/v1/extras/suggestions'),
    staleTime: 5 * 60_000,
  });
}

export function useExtras(filters: ExtraFilters) {
  const params = filterParams(filters);
  return useInfiniteQuery({
    queryKey: queryKeys.extraList(params),
    queryFn: ({ pageParam }) =>
      apiGet<ExtraPage>(`/api/v1/extras${queryString({ ...params, limit: '50', cursor: pageParam ?? undefined })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useExtra(extraId: string) {
  return useQuery({
    queryKey: queryKeys.extra(extraId),
    queryFn: () => apiGet<ExtraDetail>(extraPath(extraId)),
  });
}

/** An extra changed: its page gets the answer, lists, suggestions and what is left of the mandate refetch. */
export function useExtraChanged() {
  const client = useQueryClient();
  return (extra?: Extra | ExtraDetail) => {
    if (extra && 'reactionHistory' in extra) client.setQueryData(queryKeys.extra(extra.id), extra);
    else if (extra) void client.invalidateQueries({ queryKey: queryKeys.extra(extra.id) });
    void client.invalidateQueries({ queryKey: [...queryKeys.extras, 'list'] });
    void client.invalidateQueries({ queryKey: queryKeys.extraSuggestions });
    void client.invalidateQueries({ queryKey: queryKeys.myMandate });
  };
}

export function useUpdateExtra(extraId: string) {
  const changed = useExtraChanged();
  return useMutation({
    mutationFn: (body: ExtraChanges) => apiPatch<Extra | ExtraDetail>(extraPath(extraId), body),
    onSuccess: (extra) => changed(extra),
  });
}

export function useDeleteExtra(extraId: string) {
  const client = useQueryClient();
  const changed = useExtraChanged();
  return useMutation({
    mutationFn: () => apiDelete<void>(extraPath(extraId)),
    onSuccess: () => {
      client.removeQueries({ queryKey: queryKeys.extra(extraId) });
      changed();
    },
  });
}

export function usePutReaction(extraId: string) {
  const changed = useExtraChanged();
  return useMutation({
    mutationFn: (body: { reactionText: string | null; reactionScore: ReactionScore | null }) =>
      apiPut<Extra | ExtraDetail>(`${extraPath(extraId)}/reaction`, body),
    onSuccess: (extra) => changed(extra),
  });
}

export function useHideExtra(extraId: string) {
  const changed = useExtraChanged();
  return useMutation({
    mutationFn: (reason: string) => apiPost<Extra | ExtraDetail>(`${extraPath(extraId)}/hide`, { reason }),
    onSuccess: (extra) => changed(extra),
  });
}

export function useUnhideExtra(extraId: string) {
  const changed = useExtraChanged();
  return useMutation({
    mutationFn: () => apiPost<Extra | ExtraDetail>(`${extraPath(extraId)}/unhide`),
    onSuccess: (extra) => changed(extra),
  });
}
