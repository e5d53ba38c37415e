/** Query keys, in one place so invalidation after a write cannot miss one. */
export const queryKeys = {
  config: ['config'] as const,
  me: ['me'] as const,
  organization: ['organization'] as const,
  members: ['members'] as const,
  memberList: (status: string, q: string) => ['members', 'list', status, q] as const,
  invitations: ['invitations'] as const,
  teams: ['teams'] as const,
  team: (teamId: string) => ['teams', 'detail', teamId] as const,
};
