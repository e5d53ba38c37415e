import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Team, TeamDetail } from '../../contracts/org.contract';
import { apiDelete, apiGet, apiPatch, apiPost, apiPut } from './api-client';
import { queryKeys } from './query-keys';

export function useTeams(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.teams,
    queryFn: () => apiGet<{ items: Team[] }>('/api/v1/teams'),
    select: (data) => data.items,
    enabled: options.enabled ?? true,
  });
}

export function useTeam(teamId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.team(teamId),
    queryFn: () => apiGet<TeamDetail>(`/api/v1/teams/${encodeURIComponent(teamId)}`),
    enabled: options.enabled ?? true,
  });
}

/** After a change to a team: its page gets the answer, the lists (teams, members, me) refetch. */
function useTeamChanged() {
  const client = useQueryClient();
  return (team: TeamDetail) => {
    client.setQueryData(queryKeys.team(team.id), team);
    void client.invalidateQueries({ queryKey: queryKeys.teams, exact: true });
    void client.invalidateQueries({ queryKey: queryKeys.members });
    void client.invalidateQueries({ queryKey: queryKeys.me });
  };
}

export function useCreateTeam() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; description: string }) => apiPost<TeamDetail>('/api/v1/teams', body),
    onSuccess: (team) => {
      client.setQueryData(queryKeys.team(team.id), team);
      void client.invalidateQueries({ queryKey: queryKeys.teams, exact: true });
    },
  });
}

export function useUpdateTeam(teamId: string) {
  const changed = useTeamChanged();
  return useMutation({
    mutationFn: (body: { name: string; description: string }) =>
      apiPatch<TeamDetail>(`/api/v1/teams/${encodeURIComponent(teamId)}`, body),
    onSuccess: changed,
  });
}

export function useArchiveTeam(teamId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiDelete<void>(`/api/v1/teams/${encodeURIComponent(teamId)}`),
    onSuccess: () => {
      client.removeQueries({ queryKey: queryKeys.team(teamId) });
      void client.invalidateQueries({ queryKey: queryKeys.teams, exact: true });
      void client.invalidateQueries({ queryKey: queryKeys.members });
      void client.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}

export function usePutTeamMember(teamId: string) {
  const changed = useTeamChanged();
  return useMutation({
    mutationFn: ({ memberId, isManager }: { memberId: string; isManager: boolean }) =>
      apiPut<TeamDetail>(`/api/v1/teams/${encodeURIComponent(teamId)}/members/${encodeURIComponent(memberId)}`, {
        isManager,
      }),
    onSuccess: changed,
  });
}

export function useRemoveTeamMember(teamId: string) {
  const changed = useTeamChanged();
  return useMutation({
    mutationFn: (memberId: string) =>
      apiDelete<TeamDetail>(`/api/v1/teams/${encodeURIComponent(teamId)}/members/${encodeURIComponent(memberId)}`),
    onSuccess: changed,
  });
}
