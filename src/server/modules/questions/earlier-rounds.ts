import type { Tx } from '../../db/client';
import type { PeopleModel } from './disclosure';
import { groupsOf, type Placed, placeKey } from './groups';
import { selectShownInEarlierRounds } from './results.repo';
import { selectAudiences } from './rounds.repo';

// Figures across rounds (the rule in disclosure.ts). Every figure of a closed round can be
// set beside every figure of another closed round with the same question: the trend does it, and anyone
// can open two rounds' results or CSV files side by side. So a round that closes is checked against
// every round closed before it that shares a question, whatever their dates (an earlier round may close
// later). The choice, and why: the alternative — refusing to launch a round whose audience differs from
// an earlier one by fewer than the threshold — cannot see what changes after the launch (people join,
// leave or change team before the round opens or while it runs), nor differences inside a group (one
// newcomer in one team of an organisation-wide round), and would block every round in an organisation
// where someone joins a team now and then. Checking at the close sees the real audiences, withholds only
// the figures that would give someone away, and says so ('earlier_round').
//
// What an earlier round showed is known (its stored results); who was asked in it, and in which groups,
// is kept (campaign_audience); who answered it is not (the ballot keys are erased at its close), so an
// earlier figure is taken as covering everyone asked in its group.

export interface EarlierRound {
  id: string;
  /** Where each person asked in it was. */
  placed: Map<string, Placed>;
  /** Per question key: the groups whose figure was shown. */
  shown: Map<string, Set<string>>;
}

/** The closed rounds that share a question with this one, with their audiences and shown figures. */
export async function loadEarlierRounds(tx: Tx, orgId: string, campaignId: string): Promise<EarlierRound[]> {
  const shown = await selectShownInEarlierRounds(tx, orgId, campaignId);
  const rounds = new Map<string, EarlierRound>();
  for (const r of shown) {
    let round = rounds.get(r.campaign_id);
    if (!round) {
      round = { id: r.campaign_id, placed: new Map(), shown: new Map() };
      rounds.set(r.campaign_id, round);
    }
    let groups = round.shown.get(r.question_key);
    if (!groups) {
      groups = new Set();
      round.shown.set(r.question_key, groups);
    }
    groups.add(r.group_key);
  }
  if (rounds.size === 0) return [];
  const audience = await selectAudiences(tx, orgId, [...rounds.keys()]);
  for (const a of audience) rounds.get(a.campaign_id)!.placed.set(a.member_id, { level: a.level, teamIds: a.team_ids });
  return [...rounds.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** A person's places in the earlier rounds as one key: people with the same key are alike to every earlier figure. */
export function historyOf(rounds: readonly EarlierRound[]) {
  return (memberId: string) =>
    rounds
      .map((r) => {
        const p = r.placed.get(memberId);
        return p ? placeKey(p) : '-';
      })
      .join(';');
}

/**
 * The people model over this round's atoms (split by history, see `historyOf`) and atoms of the people
 * asked only in earlier rounds, with the earlier figures of each question as sets of those atoms.
 */
export function peopleAcrossRounds(
  rounds: readonly EarlierRound[],
  current: { atomCount: number; audienceIds: readonly string[]; audienceAtoms: readonly number[] },
) {
  const history = historyOf(rounds);
  const asked = new Array<number>(current.atomCount).fill(0);
  const someoneIn: string[] = [];
  current.audienceAtoms.forEach((atom, i) => {
    asked[atom]!++;
    someoneIn[atom] ??= current.audienceIds[i]!;
  });
  // People asked before and not now: atoms of their own, by history.
  const seen = new Set(current.audienceIds);
  const formerAtom = new Map<string, number>();
  for (const round of rounds) {
    for (const memberId of round.placed.keys()) {
      if (seen.has(memberId)) continue;
      seen.add(memberId);
      const key = history(memberId);
      let atom = formerAtom.get(key);
      if (atom === undefined) {
        atom = asked.length;
        formerAtom.set(key, atom);
        asked.push(0);
        someoneIn.push(memberId);
      }
      asked[atom]!++;
    }
  }
  // Each earlier round's groups as sets of atoms.
  const groupAtoms = rounds.map((round) => {
    const byGroup = new Map<string, number[]>();
    someoneIn.forEach((memberId, atom) => {
      const p = round.placed.get(memberId);
      if (!p) return;
      for (const key of groupsOf(p)) (byGroup.get(key) ?? byGroup.set(key, []).get(key)!).push(atom);
    });
    return byGroup;
  });
  // The earlier figures beside one question: every group an earlier round that asked it showed, for
  // any question it shares with this round. Groups shown for another question are more than the
  // attacker has for this one, which errs on the side of the people, and makes the figures the same
  // for every question of a round asked in the same earlier rounds: decided once, not per question.
  const byRounds = new Map<string, number[][]>();
  const roundsOf = (questionKey: string) => rounds.flatMap((round, r) => (round.shown.has(questionKey) ? [r] : []));
  const beforeFor = (questionKey: string) => {
    const which = roundsOf(questionKey);
    const signature = which.map((r) => rounds[r]!.id).join(',');
    let before = byRounds.get(signature);
    if (!before) {
      before = which.flatMap((r) => {
        const groups = new Set([...rounds[r]!.shown.values()].flatMap((keys) => [...keys]));
        return [...groups].flatMap((key) => {
          const atoms = groupAtoms[r]!.get(key);
          return atoms?.length ? [atoms] : [];
        });
      });
      byRounds.set(signature, before);
    }
    return { before, signature };
  };
  const model = (questionKey: string | null): PeopleModel => ({
    asked,
    before: questionKey === null ? [] : beforeFor(questionKey).before,
  });
  return { history, asked, model, signature: (questionKey: string) => beforeFor(questionKey).signature };
}
