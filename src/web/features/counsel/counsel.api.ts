import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  brief,
  DECISIONS,
  decisionQueue,
  Need,
  needList,
  Proposal,
  proposalList,
} from '../../../contracts/counsel.contract';
import { apiGet, apiPatch, apiPost, apiPut, queryString } from '../../app/api-client';
import { queryKeys } from '../../app/query-keys';
import type { StatusFilter } from './counsel-labels';
import type { NeedFormValues } from './needs-model';

// Counsel (koning en ministers) — the needs register, proposals as a one-page brief, and the
// director's decision queue. Every write invalidates all of counsel: a need's count of proposals, the
// lists and the queue all move with it.

export type BriefBody = z.input<typeof brief>;
export type NeedList = z.infer<typeof needList>;
export type ProposalList = z.infer<typeof proposalList>;
export type DecisionQueue = z.infer<typeof decisionQueue>;
export type Decision = (typeof DECISIONS)[number];

const needPath = (needId: string) => `/api/v1/needs/${encodeURIComponent(needId)}`;
const proposalPath = (proposalId: string) => `/api/v1/proposals/${encodeURIComponent(proposalId)}`;

/** A write to counsel: its answer is kept where it is read, and every counsel query refetches. */
function useCounselChanged() {
  const client = useQueryClient();
  return {
    need: (need: Need) => {
      client.setQueryData<NeedList>(queryKeys.needs, (list) =>
        list ? { items: list.items.map((n) => (n.id === need.id ? need : n)) } : list,
      );
      void client.invalidateQueries({ queryKey: queryKeys.counsel });
    },
    proposal: (proposal: Proposal) => {
      client.setQueryData(queryKeys.proposal(proposal.id), proposal);
      void client.invalidateQueries({ queryKey: queryKeys.counsel });
    },
  };
}

// ---------- needs ----------

/** The register, recognised first, then by support. */
export function useNeeds() {
  return useQuery({
    queryKey: queryKeys.needs,
    queryFn: () => apiGet<NeedList>('/api/v1/needs'),
    select: (data) => data.items,
  });
}

export function useRaiseNeed() {
  const changed = useCounselChanged();
  return useMutation({
    mutationFn: (body: NeedFormValues) => apiPost<Need>('/api/v1/needs', body),
    onSuccess: changed.need,
  });
}

export function useSupportNeed() {
  const changed = useCounselChanged();
  return useMutation({
    mutationFn: ({ needId, support }: { needId: string; support: boolean }) =>
      apiPut<Need>(`${needPath(needId)}/support`, { support }),
    onSuccess: changed.need,
  });
}

/** Directors and admins: the need is recognised (proposals that serve none are flagged). */
export function useRecogniseNeed() {
  const changed = useCounselChanged();
  return useMutation({
    mutationFn: ({ needId, recognised }: { needId: string; recognised: boolean }) =>
      apiPut<Need>(`${needPath(needId)}/recognition`, { recognised }),
    onSuccess: changed.need,
  });
}

// ---------- proposals ----------

/** Mine; directors and admins see all. */
export function useProposals(status: StatusFilter) {
  return useQuery({
    queryKey: queryKeys.proposals(status),
    queryFn: () => apiGet<ProposalList>(`/api/v1/proposals${queryString({ status })}`),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });
}

export function useProposal(proposalId: string | null) {
  return useQuery({
    queryKey: queryKeys.proposal(proposalId ?? ''),
    queryFn: () => apiGet<Proposal>(proposalPath(proposalId ?? '')),
    enabled: !!proposalId,
  });
}

/** Loads a proposal ahead (the next one in the queue), so it is there the moment it is wanted. */
export function usePrefetchProposal() {
  const client = useQueryClient();
  return (proposalId: string) =>
    void client.prefetchQuery({
      queryKey: queryKeys.proposal(proposalId),
      queryFn: () => apiGet<Proposal>(proposalPath(proposalId)),
      staleTime: 30_000,
    });
}

export function useSubmitProposal() {
  const changed = useCounselChanged();
  return useMutation({
    mutationFn: (body: BriefBody) => apiPost<Proposal>('/api/v1/proposals', body),
    onSuccess: changed.proposal,
  });
}

/** The author edits the brief while it waits or after the director asked for more. */
export function useUpdateProposal(proposalId: string) {
  const changed = useCounselChanged();
  return useMutation({
    mutationFn: (body: Partial<BriefBody>) => apiPatch<Proposal>(proposalPath(proposalId), body),
    onSuccess: changed.proposal,
  });
}

/** After the director asked for more: what changed, and back into the queue. */
export function useResubmitProposal(proposalId: string) {
  const changed = useCounselChanged();
  return useMutation({
    mutationFn: (reason: string) => apiPost<Proposal>(`${proposalPath(proposalId)}/resubmit`, { reason }),
    onSuccess: changed.proposal,
  });
}

export function useWithdrawProposal(proposalId: string) {
  const changed = useCounselChanged();
  return useMutation({
    mutationFn: () => apiPost<Proposal>(`${proposalPath(proposalId)}/withdraw`),
    onSuccess: changed.proposal,
  });
}

// ---------- the director's queue ----------

/** Directors and admins: what waits for a decision, oldest first, and how long decisions take. */
export function useDecisionQueue() {
  return useQuery({
    queryKey: queryKeys.decisionQueue,
    queryFn: () => apiGet<DecisionQueue>('/api/v1/decision-queue'),
  });
}

/** Approve, decline or ask for more, always with the reason. The decided one leaves the queue at once. */
export function useDecide() {
  const client = useQueryClient();
  const changed = useCounselChanged();
  return useMutation({
    mutationFn: ({ proposalId, decision, reason }: { proposalId: string; decision: Decision; reason: string }) =>
      apiPost<Proposal>(`${proposalPath(proposalId)}/decision`, { decision, reason }),
    onSuccess: (proposal) => {
      client.setQueryData<DecisionQueue>(queryKeys.decisionQueue, (queue) =>
        queue ? { ...queue, items: queue.items.filter((item) => item.id !== proposal.id) } : queue,
      );
      changed.proposal(proposal);
    },
    // Decided or withdrawn meanwhile (409): the queue and the proposal show how it stands now.
    onError: () => void client.invalidateQueries({ queryKey: queryKeys.counsel }),
  });
}
