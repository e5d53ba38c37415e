import { useMemo } from 'react';
import type { Story } from '../../../contracts/learning.contract';
import { ACCESS } from '../../app/nav.config';
import { hasAnyRole } from '../../app/roles';
import { useSignedInMe } from '../../app/use-me';

/**
 * What the signed-in person may do with a story, mirroring the server: thanks and comments in the
 * feeds one reads (one's own teams; directors every team); managers of the story's team and
 * directors look after it (best practice, weekly pick, removing comments).
 */
export function useStoryAccess() {
  const me = useSignedInMe();
  const roles = me.member?.roles ?? [];
  const teams = me.member?.teams;
  return useMemo(() => {
    const director = roles.includes('director');
    const staff = hasAnyRole(roles, ACCESS.feed);
    const myTeams = new Set((teams ?? []).map((team) => team.id));
    const managed = new Set((teams ?? []).filter((team) => team.isManager).map((team) => team.id));
    return {
      memberId: me.member?.id ?? null,
      director,
      /** May thank and comment on this story: it is in a feed the person reads. */
      canReact: (story: Story) => staff && (director || story.teamIds.some((id) => myTeams.has(id))),
      /** May put it forward as a best practice, or withdraw it. */
      looksAfter: (story: Story) =>
        hasAnyRole(roles, ACCESS.manageFeed) && (director || story.teamIds.some((id) => managed.has(id))),
      /** May choose the weekly pick of this team. */
      leadsTeam: (teamId: string) => hasAnyRole(roles, ACCESS.manageFeed) && (director || managed.has(teamId)),
    };
  }, [me.member?.id, roles, teams]);
}

export type StoryAccess = ReturnType<typeof useStoryAccess>;
