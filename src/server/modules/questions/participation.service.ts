/**
 * The response (participation): who is asked placed in groups, which groups may be shown under the
 * disclosure rule, the day's response while open, and the response as the caller may see it.
 */
import type { Level, ResultGroup } from '../../../contracts/questions.contract';
import type { Tx } from '../../db/client';
import { notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import { findTeamNames } from '../org/org.service';
import { selectAnsweredBallots } from './answers.repo';
import { ballotKeyer } from './ballots';
import type { CampaignRow, QuestionsDeps } from './campaign-common';
import { decideGroups, decidePeople, type PeopleModel } from './disclosure';
import { Atoms, countPerAtom, parseGroupKey } from './groups';
import { responseStep, type Step } from './response-step';
import { replaceParticipation, selectParticipation } from './results.repo';
import { selectAudience, selectCampaign, selectOrganization, setCampaignResponseDay } from './rounds.repo';
import { groupVisibility } from './visibility';

/**
 * Who is asked, placed in atoms, and which atom each ballot with answers belongs to. The link between
 * a ballot and a member is made here, in memory, from the keys; it is never stored or logged.
 */
export async function placeBallots(
  db: Tx,
  secret: string,
  orgId: string,
  campaignId: string,
  history?: (memberId: string) => string,
) {
  const people = await selectAudience(db, orgId, campaignId);
  const atoms = new Atoms();
  const keyOf = ballotKeyer(secret, campaignId);
  const atomOfKey = new Map<string, number>();
  const audienceAtoms = people.map((p) => {
    const atom = atoms.of({ level: p.level, teamIds: p.team_ids }, history?.(p.member_id));
    atomOfKey.set(keyOf(p.member_id), atom);
    return atom;
  });
  const ballots = await selectAnsweredBallots(db, orgId, campaignId);
  const ballotAtoms = new Map<string, number>();
  for (const b of ballots) {
    const atom = b.ballot_key ? atomOfKey.get(b.ballot_key) : undefined;
    // A ballot whose member has left the organisation (and the audience) belongs to no group any more.
    if (atom !== undefined) ballotAtoms.set(b.id, atom);
  }
  return { atoms, audienceAtoms, ballotAtoms, audienceIds: people.map((p) => p.member_id), keyOf };
}

type ParticipationRow = { group_key: string; status: string; audience: number | null; respondents: number | null };

/**
 * The response per group as shown: stored at close (the counts) and, while open, once a day (only the
 * step); either way every figure is a step, never a count (response-step.ts).
 */
export async function participationGroups(
  db: Tx,
  row: Pick<CampaignRow, 'orgId' | 'id' | 'status' | 'minGroup' | 'responseStep'>,
  teamNames?: Map<string, string>,
): Promise<ResultGroup[]> {
  const width = row.status === 'closed' ? row.minGroup : row.status === 'open' ? row.responseStep : null;
  if (width === null) return [];
  const rows = await selectParticipation(db, row.orgId, row.id);
  return rows.map((r) =>
    toGroup(
      r.group_key,
      r.status,
      r.audience,
      r.status === 'shown' && r.audience !== null && r.respondents !== null
        ? responseStep(r.audience, r.respondents, width)
        : null,
      teamNames,
    ),
  );
}

/** The response per group under the disclosure rule (over those who answered and over the people asked). */
export function decideParticipation(
  placed: Awaited<ReturnType<typeof placeBallots>>,
  k: number,
  people?: PeopleModel,
): ParticipationRow[] {
  const n = placed.atoms.atoms.length;
  const asked = countPerAtom(n, placed.audienceAtoms);
  const answered = countPerAtom(n, placed.ballotAtoms.values());
  const candidates = placed.atoms.candidates(asked);
  const decisions = decideGroups(answered, candidates, k, decidePeople(candidates, k, people ?? { asked, before: [] }));
  return candidates.map((g) => {
    const status = decisions.get(g.key)!;
    const sum = (counts: number[]) => g.atoms.reduce((s, i) => s + counts[i]!, 0);
    return {
      group_key: g.key,
      status,
      audience: status === 'shown' ? sum(asked) : null,
      respondents: status === 'shown' ? sum(answered) : null,
    };
  });
}

/**
 * Takes an open round's response as it stands, for the day: the groups under the rule, and for each shown
 * one only the lower end of its step. Nothing of it is exact, and it changes once a day at most.
 */
export async function recordResponse(tx: Tx, secret: string, orgId: string, campaignId: string, day: string) {
  const k = (await selectOrganization(tx, orgId))!.resultsMinGroup;
  const groups = decideParticipation(await placeBallots(tx, secret, orgId, campaignId), k);
  await replaceParticipation(
    tx,
    orgId,
    campaignId,
    groups.map((g) => ({
      groupKey: g.group_key,
      status: g.status,
      audience: g.audience,
      respondents:
        g.audience !== null && g.respondents !== null ? responseStep(g.audience, g.respondents, k).min : null,
    })),
  );
  await setCampaignResponseDay(tx, orgId, campaignId, day, k);
}

export function toGroup(
  key: string,
  status: string,
  audience: number | null,
  response: Step | null,
  teamNames?: Map<string, string>,
): ResultGroup {
  const parsed = parseGroupKey(key);
  return {
    key,
    kind: parsed.kind,
    teamId: parsed.teamId,
    teamName: parsed.teamId ? (teamNames?.get(parsed.teamId) ?? null) : null,
    level: parsed.level,
    status: status as ResultGroup['status'],
    audience,
    response,
  };
}

const groupOrder = (g: ResultGroup) => ['org', 'level', 'team', 'team_level'].indexOf(g.kind);
const levelRank = (l: Level | null) => (l ? ['top', 'middle', 'staff'].indexOf(l) : -1);

/**
 * The response per group, for the groups the caller may see, in steps: at the close's counts, or while
 * open as it stood at the start of the day (taken by the job; never on request, so no one can time it).
 */
export async function findParticipation(deps: QuestionsDeps, tenant: TenantContext, campaignId: string) {
  const row = await selectCampaign(deps.db, tenant.orgId, campaignId);
  if (!row) throw notFound();
  const org = await selectOrganization(deps.db, tenant.orgId);
  const may = groupVisibility(tenant, org!.resultsVisibility);
  const groups = (await participationGroups(deps.db, row)).filter((g) => may(g.key));
  const names = await findTeamNames(
    deps.db,
    tenant.orgId,
    groups.flatMap((g) => g.teamId ?? []),
  );
  return {
    status: row.status,
    minGroup: row.minGroup ?? org!.resultsMinGroup,
    asOf: row.status === 'open' ? row.responseOn : null,
    groups: groups.map((g) => ({ ...g, teamName: g.teamId ? (names.get(g.teamId) ?? null) : null })).sort(byGroup),
  };
}

export const byGroup = (a: ResultGroup, b: ResultGroup) =>
  groupOrder(a) - groupOrder(b) ||
  (a.teamName ?? '').localeCompare(b.teamName ?? '') ||
  levelRank(a.level) - levelRank(b.level);
