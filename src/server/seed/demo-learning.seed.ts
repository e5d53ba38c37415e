import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { bestPractices, conversationNotes, extraComments, extraThanks } from '../db/schema/learning.schema';
import { random } from './demo-extras.seed';

// The demo's team life: colleagues thank and comment on each other's stories of the last three
// weeks, each manager put one story forward, and Pieter wrote down a conversation with Lisa.

const COMMENTS = [
  'Mooi gedaan! Dat onthoud ik.',
  'Goed gezien dat hij dat nodig had.',
  'Die gast komt vast terug.',
  'Slim opgelost, en het kostte bijna niets.',
  'Dit ga ik ook proberen.',
  'Precies waar we voor staan.',
  'Had ik zelf niet aan gedacht.',
];
const WHY: Record<number, string> = {
  0: 'Ze zag wat de gast nodig had voordat hij erom vroeg.',
  1: 'Klein gebaar, groot effect: dit vertellen gasten door.',
  2: 'Zo maak je van een klacht een compliment.',
  3: 'Hier zie je onze waarden in het echt.',
};

export async function seedDemoLearning(tx: Tx, orgId: string) {
  const rnd = random(42);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
  const { rows: teamRows } = await tx.execute<{ team_id: string; member_id: string; is_manager: boolean }>(
    sql`select team_id, member_id, is_manager from team_members where org_id = ${orgId} order by team_id, member_id`,
  );
  const { rows: recent } = await tx.execute<{
    id: string;
    member_id: string;
    team_ids: string[];
    reaction_score: number | null;
    occurred_at: string;
  }>(
    sql`select id, member_id, team_ids, reaction_score, occurred_at from extras
         where org_id = ${orgId} and occurred_at > now() - interval '21 days' order by occurred_at, id`,
  );
  const colleaguesOf = (extra: (typeof recent)[number]) => [
    ...new Set(
      teamRows
        .filter((r) => extra.team_ids.includes(r.team_id) && r.member_id !== extra.member_id)
        .map((r) => r.member_id),
    ),
  ];

  const thanks: (typeof extraThanks.$inferInsert)[] = [];
  const comments: (typeof extraComments.$inferInsert)[] = [];
  for (const extra of recent) {
    const colleagues = colleaguesOf(extra);
    const at = (hours: number) =>
      new Date(Math.min(Date.now(), new Date(extra.occurred_at).getTime() + hours * 3_600_000));
    if (colleagues.length && rnd() < 0.45) {
      const count = 1 + Math.floor(rnd() * 3);
      for (const memberId of new Set(Array.from({ length: count }, () => pick(colleagues)))) {
        thanks.push({ orgId, extraId: extra.id, memberId, createdAt: at(1 + rnd() * 20) });
      }
    }
    if (colleagues.length && rnd() < 0.12)
      comments.push({
        orgId,
        extraId: extra.id,
        memberId: pick(colleagues),
        body: pick(COMMENTS),
        createdAt: at(2 + rnd() * 20),
      });
  }
  if (thanks.length) await tx.insert(extraThanks).values(thanks).onConflictDoNothing();
  if (comments.length) await tx.insert(extraComments).values(comments);

  // Each manager puts forward the best-received recent story of a member of their team.
  const managers = teamRows.filter((r) => r.is_manager);
  const promoted: (typeof bestPractices.$inferInsert)[] = [];
  for (const [i, manager] of managers.entries()) {
    const members = new Set(
      teamRows.filter((r) => r.team_id === manager.team_id && !r.is_manager).map((r) => r.member_id),
    );
    const story = [...recent]
      .reverse()
      .find((e) => e.reaction_score === 5 && members.has(e.member_id) && e.team_ids.includes(manager.team_id));
    if (story && !promoted.some((p) => p.extraId === story.id)) {
      promoted.push({
        orgId,
        extraId: story.id,
        why: WHY[i % 4]!,
        promotedBy: manager.member_id,
        promotedAt: new Date(Math.min(Date.now(), new Date(story.occurred_at).getTime() + 86_400_000)),
      });
    }
  }
  if (promoted.length) await tx.insert(bestPractices).values(promoted);

  // The first team's manager and one of its members talked about the stories of last week.
  const first = managers[0];
  const member = first && teamRows.find((r) => r.team_id === first.team_id && !r.is_manager);
  if (first && member) {
    await tx.insert(conversationNotes).values({
      orgId,
      teamId: first.team_id,
      managerId: first.member_id,
      memberId: member.member_id,
      body: 'Gesproken over de gast die zijn trein miste. Wat hem raakte was niet de taxi maar dat je meedacht. Afgesproken: zulke verhalen vaker in het teamoverleg.',
      createdAt: new Date(Date.now() - 3 * 86_400_000),
    });
  }
  return { thanks: thanks.length, comments: comments.length, bestPractices: promoted.length };
}
