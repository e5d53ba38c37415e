import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreatePromiseBody,
  Customer,
  guidelineCheck,
  PromiseDetail,
  PromisePage,
  PromiseStatusName,
  StepComment,
  workList,
} from '../../../contracts/promises.contract';
import { apiGet, apiPost, apiPostOnce, apiPut, queryString } from '../../app/api-client';
import { queryKeys } from '../../app/query-keys';

// Promises to customers (afspraken), their hand-offs between teams, and my teams' steps.

export type GuidelineCheck = z.infer<typeof guidelineCheck>;
export type StepPage = z.infer<typeof workList>;
export type PromiseScope = 'mine' | 'team' | 'all';
/** A status, "active" (not kept or broken yet) or "any" (no status filter). */
export type StatusFilter = PromiseStatusName | 'active' | 'any';

export interface PromiseFilters {
  scope: PromiseScope;
  status: StatusFilter;
  q?: string | undefined;
  flagged?: boolean | undefined;
  /** The promises behind one arrow of the chain (the chain page links here with these). */
  handoffFrom?: string | undefined;
  handoffTo?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export type WorkScope = 'team' | 'mine';
export type WorkDue = 'any' | 'late' | 'this_week';

export interface WorkListFilters {
  /** Empty: all my teams. */
  teamId?: string | undefined;
  state: 'open' | 'done';
  /** team: my teams' steps; mine: the ones I have. */
  scope: WorkScope;
  due: WorkDue;
}

export interface CheckInput {
  offeringId: string | null;
  dueDate: string;
  conditionsMet: string[];
}

const PAGE_SIZE = '30';
const promisePath = (promiseId: string) => `/api/v1/promises/${encodeURIComponent(promiseId)}`;
const stepPath = (promiseId: string, stepId: string) => `${promisePath(promiseId)}/steps/${encodeURIComponent(stepId)}`;

function filterParams(filters: PromiseFilters): Record<string, string | undefined> {
  return {
    scope: filters.scope,
    status: filters.status === 'any' ? undefined : filters.status,
    q: filters.q?.trim() || undefined,
    flagged: filters.flagged ? 'true' : undefined,
    handoffFrom: filters.handoffFrom,
    handoffTo: filters.handoffTo,
    from: filters.from,
    to: filters.to,
  };
}

/** The CSV of what the list shows (the browser sends the session cookie with the download). */
export function promisesExportUrl(filters: PromiseFilters): string {
  return `/api/v1/promises/export.csv${queryString(filterParams(filters))}`;
}

export function usePromises(filters: PromiseFilters) {
  const params = filterParams(filters);
  return useInfiniteQuery({
    queryKey: queryKeys.promiseList(params),
    queryFn: ({ pageParam }) =>
      apiGet<PromisePage>(
        `/api/v1/promises${queryString({ ...params, limit: PAGE_SIZE, cursor: pageParam ?? undefined })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function usePromise(promiseId: string) {
  return useQuery({
    queryKey: queryKeys.promise(promiseId),
    queryFn: () => apiGet<PromiseDetail>(promisePath(promiseId)),
  });
}

export function useWorkList(filters: WorkListFilters, options: { enabled?: boolean } = {}) {
  const params = {
    teamId: filters.teamId || undefined,
    state: filters.state,
    scope: filters.scope === 'mine' ? 'mine' : undefined,
    due: filters.due === 'any' ? undefined : filters.due,
  };
  return useInfiniteQuery({
    enabled: options.enabled ?? true,
    queryKey: queryKeys.workList(params),
    queryFn: ({ pageParam }) =>
      apiGet<StepPage>(`/api/v1/steps${queryString({ ...params, limit: PAGE_SIZE, cursor: pageParam ?? undefined })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Customers whose name holds q, to pick one for a new promise. */
export function useCustomers(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: queryKeys.customers(text.toLowerCase()),
    queryFn: () =>
      apiGet<{ items: Customer[] }>(`/api/v1/customers${queryString({ q: text.slice(0, 100) || undefined })}`),
    select: (data) => data.items,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** Which guidelines of the offer profile a promise would break; null input: nothing to check yet. */
export function useGuidelineCheck(input: CheckInput | null) {
  return useQuery({
    queryKey: queryKeys.guidelineCheck({ ...(input ?? {}) }),
    queryFn: () => apiPost<GuidelineCheck>('/api/v1/promises/check', input),
    select: (data) => data.breaches,
    enabled: input !== null,
    staleTime: 60_000,
    retry: false,
  });
}

/** A promise or one of its steps changed: its page gets the answer, every promise query refetches. */
function usePromiseChanged() {
  const client = useQueryClient();
  return (promise: PromiseDetail) => {
    client.setQueryData(queryKeys.promise(promise.id), promise);
    void client.invalidateQueries({ queryKey: queryKeys.promises });
  };
}

/** Every customer search ("customers", q), so a customer made with a promise is found next time. */
const allCustomerSearches = [queryKeys.customers('')[0]];

/** Records a promise. The key makes a retry of the same form safe: the server saves it only once. */
export function useCreatePromise() {
  const client = useQueryClient();
  const changed = usePromiseChanged();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreatePromiseBody; idempotencyKey: string }) =>
      apiPostOnce<PromiseDetail>('/api/v1/promises', body, idempotencyKey),
    onSuccess: (promise) => {
      changed(promise);
      void client.invalidateQueries({ queryKey: allCustomerSearches });
    },
  });
}

/**
 * Forgets a customer who asked for it: their name becomes a code in every promise. Everything that
 * shows promises or customers refetches; so do extras, whose reference to that name is dropped.
 */
export function useForgetCustomer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (customerId: string) => apiPost<null>(`/api/v1/customers/${encodeURIComponent(customerId)}/forget`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.promises });
      void client.invalidateQueries({ queryKey: allCustomerSearches });
      void client.invalidateQueries({ queryKey: queryKeys.extras });
    },
  });
}

export function useAcceptStep(promiseId: string) {
  const changed = usePromiseChanged();
  return useMutation({
    mutationFn: (stepId: string) => apiPost<PromiseDetail>(`${stepPath(promiseId, stepId)}/accept`),
    onSuccess: changed,
  });
}

/** Done; a follow-up after delivery may carry the customer's reaction. */
export function useCompleteStep(promiseId: string) {
  const changed = usePromiseChanged();
  return useMutation({
    mutationFn: ({
      stepId,
      reactionText,
      reactionScore,
    }: {
      stepId: string;
      reactionText?: string;
      reactionScore?: number;
    }) =>
      apiPost<PromiseDetail>(`${stepPath(promiseId, stepId)}/done`, {
        ...(reactionText ? { reactionText } : {}),
        ...(reactionScore ? { reactionScore } : {}),
      }),
    onSuccess: changed,
  });
}

export function useSendBackStep(promiseId: string) {
  const changed = usePromiseChanged();
  return useMutation({
    mutationFn: ({ stepId, reason }: { stepId: string; reason: string }) =>
      apiPost<PromiseDetail>(`${stepPath(promiseId, stepId)}/send-back`, { reason }),
    onSuccess: changed,
  });
}

export function useRateStep(promiseId: string) {
  const changed = usePromiseChanged();
  return useMutation({
    mutationFn: ({ stepId, score, comment }: { stepId: string; score: number; comment?: string }) =>
      apiPost<PromiseDetail>(`${stepPath(promiseId, stepId)}/rating`, { score, ...(comment ? { comment } : {}) }),
    onSuccess: changed,
  });
}

export function useRenegotiate(promiseId: string) {
  const changed = usePromiseChanged();
  return useMutation({
    mutationFn: (body: { dueDate: string; reason: string }) =>
      apiPost<PromiseDetail>(`${promisePath(promiseId)}/renegotiate`, body),
    onSuccess: changed,
  });
}

export interface DeliveryInput {
  deliveredOn: string;
  followUp: { teamId: string; what: string; dueDate: string } | null;
}

export function useConfirmDelivery(promiseId: string) {
  const changed = usePromiseChanged();
  return useMutation({
    mutationFn: (body: DeliveryInput) => apiPost<PromiseDetail>(`${promisePath(promiseId)}/delivery`, body),
    onSuccess: changed,
  });
}

/** Who has a step: me to take it, another member of its team (its manager), or null to hand it back. */
export function useSetStepOwner(promiseId: string) {
  const changed = usePromiseChanged();
  return useMutation({
    mutationFn: ({ stepId, memberId }: { stepId: string; memberId: string | null }) =>
      apiPut<PromiseDetail>(`${stepPath(promiseId, stepId)}/owner`, { memberId }),
    onSuccess: changed,
  });
}

export function useStepComments(promiseId: string, stepId: string, options: { enabled: boolean }) {
  return useQuery({
    queryKey: queryKeys.stepComments(stepId),
    queryFn: () => apiGet<{ items: StepComment[] }>(`${stepPath(promiseId, stepId)}/comments`),
    select: (data) => data.items,
    enabled: options.enabled,
  });
}

/** A comment on a step: the thread gets the answer; the promise and the lists refetch (their counts). */
export function useAddStepComment(promiseId: string, stepId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      apiPost<{ items: StepComment[] }>(`${stepPath(promiseId, stepId)}/comments`, { body }),
    onSuccess: (answer) => {
      client.setQueryData(queryKeys.stepComments(stepId), answer);
      void client.invalidateQueries({ queryKey: queryKeys.promises });
    },
  });
}
