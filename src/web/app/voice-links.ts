import { useQuery } from '@tanstack/react-query';
import type { Role } from '../../contracts/constants';
import type { VoiceLink } from '../../contracts/voice.contract';
import { apiPost, queryString } from './api-client';
import { ACCESS } from './nav.config';
import { queryKeys } from './query-keys';
import { hasAnyRole } from './roles';

// The reaction link of an extra or a promise, its QR codes, and who may show it: used on the extra's
// and the promise's pages and on the touchpoints screen.

export type LinkSubject = 'extra' | 'promise';

const linkPath = (linkId: string) => `/api/v1/voice-links/${encodeURIComponent(linkId)}`;

/** The QR code as SVG: sharp at any size, for the screen and for print (the browser sends the session cookie). */
export const qrSvgUrl = (linkId: string) => `${linkPath(linkId)}/qr.svg`;

/** The QR code as PNG, `size` pixels square (128–2048). */
export const qrPngUrl = (linkId: string, size = 1024) =>
  `${linkPath(linkId)}/qr.png${queryString({ size: String(size) })}`;

/**
 * The reaction link of an extra or a promise. The server makes it once and returns the same one after,
 * so asking again is safe: it is read as a query, only while the panel is open, and refreshed now and
 * then so the member sees a customer's reaction come in.
 */
export function useVoiceLink(subject: LinkSubject, id: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.voiceLink(subject, id),
    queryFn: () =>
      apiPost<VoiceLink>(`/api/v1/${subject === 'extra' ? 'extras' : 'promises'}/${encodeURIComponent(id)}/voice-link`),
    enabled: options.enabled ?? true,
    refetchInterval: options.enabled === false ? false : 20_000,
    retry: false,
  });
}

/** The person looking, as the pages know them from /me. */
export interface Viewer {
  id: string;
  roles: readonly Role[];
  teams: readonly { id: string; isManager: boolean }[];
}

const steers = (viewer: Viewer) => hasAnyRole(viewer.roles, ACCESS.allVoice);

/** Who may show an extra's reaction link (as the server decides): its author, a manager of its team, directors and admins. */
export function mayAskForExtra(
  viewer: Viewer | null,
  extra: { memberId: string; teamIds: readonly string[] },
): boolean {
  if (!viewer) return false;
  return (
    viewer.id === extra.memberId ||
    steers(viewer) ||
    viewer.teams.some((team) => team.isManager && extra.teamIds.includes(team.id))
  );
}

/** Who may show a promise's reaction link: its maker, a member of the delivering team, directors and admins. */
export function mayAskForPromise(viewer: Viewer | null, promise: { madeById: string; ownerTeamId: string }): boolean {
  if (!viewer) return false;
  return (
    viewer.id === promise.madeById || steers(viewer) || viewer.teams.some((team) => team.id === promise.ownerTeamId)
  );
}
