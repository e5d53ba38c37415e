import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../contracts/constants';
import type { Member } from '../../contracts/org.contract';
import type { MyDataExport } from '../../contracts/privacy.contract';
import { apiGet, apiPatch, apiPost, queryString } from './api-client';
import { queryKeys } from './query-keys';
import { myDataFileName, saveJsonFile } from './save-file';

export type MemberStatusFilter = 'active' | 'deactivated' | 'all';

export function useMembers(status: MemberStatusFilter, q: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.memberList(status, q),
    queryFn: () => apiGet<{ items: Member[] }>(`/api/v1/members${queryString({ status, q: q.trim() || undefined })}`),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** A member changed: lists, teams (managers, counts) and, when it is you, your own roles refetch. */
function useMemberChanged() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: queryKeys.members });
    void client.invalidateQueries({ queryKey: queryKeys.teams });
    void client.invalidateQueries({ queryKey: queryKeys.me });
  };
}

export function useUpdateMember() {
  const changed = useMemberChanged();
  return useMutation({
    mutationFn: ({ memberId, ...body }: { memberId: string; roles: Role[]; jobTitle: string | null }) =>
      apiPatch<Member>(`/api/v1/members/${encodeURIComponent(memberId)}`, body),
    onSuccess: changed,
  });
}

/** Erases a deactivated member for good (the server refuses anyone still active). */
export function useEraseMember() {
  const changed = useMemberChanged();
  return useMutation({
    mutationFn: (memberId: string) => apiPost<Member>(`/api/v1/members/${encodeURIComponent(memberId)}/erase`),
    onSuccess: changed,
  });
}

/** Takes the file of everything the organisation holds about a member and saves it. */
export function useDownloadMemberData() {
  return useMutation({
    mutationFn: async (member: Member) => {
      const file = await apiGet<MyDataExport>(`/api/v1/members/${encodeURIComponent(member.id)}/export`);
      saveJsonFile(myDataFileName(file.exportedAt, member.name), file);
      return file;
    },
  });
}

export function useSetMemberActive() {
  const changed = useMemberChanged();
  return useMutation({
    mutationFn: ({ memberId, active }: { memberId: string; active: boolean }) =>
      apiPost<Member>(`/api/v1/members/${encodeURIComponent(memberId)}/${active ? 'reactivate' : 'deactivate'}`),
    onSuccess: changed,
  });
}
