import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { notifications } from '../db/schema/platform.schema';
import { customerReactions, touchpoints, voiceFollowups, voiceLinks } from '../db/schema/voice.schema';
import { addDays, localDay } from '../lib/days';
import { newToken } from '../modules/voice/voice.rules';

// The demo's customer voice: three touchpoints with twelve weeks of reactions, customers
// who reacted to extras through the member's QR code, and very negative reactions followed up — one
// resolved, one open, one late.

const COMMENTS: Record<string, string[]> = {
  good: [
    'Heel vriendelijk ontvangen!',
    'Snel geholpen, dank jullie wel.',
    'Fijn dat jullie mijn naam nog wisten.',
    'Lekker ontbijt en aardige bediening.',
    'Top service, we komen terug.',
  ],
  mixed: ['Prima, maar het duurde even.', 'Goed, al was het wat druk.', 'Kamer was nog niet klaar bij aankomst.'],
  bad: [
    'Twintig minuten in de rij bij het inchecken.',
    'Koude koffie en niemand die keek.',
    'Onze reservering was kwijt.',
  ],
};

function noise(seed: string) {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

export async function seedDemoVoice(
  tx: Tx,
  orgId: string,
  teamId: Map<string, string>,
  memberIdByName: Map<string, string>,
) {
  const today = localDay('Europe/Amsterdam');
  const points = await tx
    .insert(touchpoints)
    .values([
      { orgId, name: 'Receptie', scale: 'agree5', teamId: teamId.get('Receptie')! },
      { orgId, name: 'Restaurant', scale: 'scale10', teamId: teamId.get('Restaurant')! },
      { orgId, name: 'Ontbijtzaal', scale: 'agree5', teamId: teamId.get('Restaurant')! },
    ])
    .returning();
  const links = await tx
    .insert(voiceLinks)
    .values(points.map((p) => ({ orgId, token: newToken(), subject: 'touchpoint' as const, touchpointId: p.id })))
    .returning();

  const rows: (typeof customerReactions.$inferInsert)[] = [];
  for (let d = 83; d >= 0; d--) {
    const day = addDays(today, -d);
    points.forEach((p, i) => {
      const perDay = Math.floor(noise(`${p.name}|${day}|n`) * (p.name === 'Receptie' ? 3 : 2.2));
      for (let k = 0; k < perDay; k++) {
        const r = noise(`${p.name}|${day}|${k}`);
        // Friday afternoons at reception are the weak spot (the demo's counsel has a need about it).
        const friday = new Date(`${day}T12:00:00Z`).getUTCDay() === 5 && p.name === 'Receptie';
        const score =
          p.scale === 'agree5'
            ? Math.max(1, Math.min(5, Math.round(4.3 - (friday ? 1.2 : 0) + (r - 0.5) * 2.2)))
            : Math.max(0, Math.min(10, Math.round(8 + (r - 0.5) * 6)));
        const band =
          p.scale === 'agree5'
            ? score >= 4
              ? 'good'
              : score === 3
                ? 'mixed'
                : 'bad'
            : score >= 8
              ? 'good'
              : score >= 6
                ? 'mixed'
                : 'bad';
        const comment = r < 0.45 ? COMMENTS[band]![Math.floor(r * 100) % COMMENTS[band]!.length]! : null;
        const at = new Date(
          `${day}T${String(9 + Math.floor(r * 11)).padStart(2, '0')}:${String(Math.floor(r * 59)).padStart(2, '0')}:00Z`,
        );
        rows.push({
          orgId,
          linkId: links[i]!.id,
          subject: 'touchpoint',
          touchpointId: p.id,
          teamId: p.teamId,
          scale: p.scale,
          score,
          comment,
          language: r < 0.85 ? 'nl' : 'en',
          createdAt: at,
          updatedAt: at,
        });
      }
    });
  }

  // And a few who were very unhappy: one a fortnight ago (followed up), two this week (still open).
  for (const [pointIndex, daysAgo, score, comment] of [
    [0, 15, 1, 'Twintig minuten in de rij bij het inchecken, niemand die iets zei.'],
    [0, 4, 1, 'Onze reservering was kwijt en we moesten zelf alles uitzoeken.'],
    [1, 1, 2, 'Koud eten en lang wachten op de rekening.'],
  ] as const) {
    const p = points[pointIndex]!;
    const at = new Date(`${addDays(today, -daysAgo)}T17:30:00Z`);
    rows.push({
      orgId,
      linkId: links[pointIndex]!.id,
      subject: 'touchpoint',
      touchpointId: p.id,
      teamId: p.teamId,
      scale: p.scale,
      score,
      comment,
      language: 'nl',
      createdAt: at,
      updatedAt: at,
    });
  }

  // Customers who reacted to an extra through the member's QR code: the same score the member noted.
  const { rows: extras } = await tx.execute<{
    id: string;
    member_id: string;
    team_ids: string[];
    reaction_score: number;
    reaction_text: string | null;
    occurred_at: Date;
  }>(sql`
    select id, member_id, team_ids, reaction_score, reaction_text, occurred_at from extras
     where org_id = ${orgId} and reaction_score is not null and deleted_at is null order by occurred_at`);
  for (const e of extras.filter((x) => noise(x.id) < 0.3)) {
    const [link] = await tx
      .insert(voiceLinks)
      .values({ orgId, token: newToken(), subject: 'extra', extraId: e.id, createdBy: e.member_id })
      .returning();
    const at = new Date(new Date(e.occurred_at).getTime() + 3 * 3600_000);
    rows.push({
      orgId,
      linkId: link!.id,
      subject: 'extra',
      extraId: e.id,
      teamId: e.team_ids[0] ?? null,
      memberId: e.member_id,
      scale: 'agree5',
      score: e.reaction_score,
      comment: e.reaction_text,
      language: 'nl',
      createdAt: at,
      updatedAt: at,
    });
  }
  const stored = await tx.insert(customerReactions).values(rows).returning({
    id: customerReactions.id,
    scale: customerReactions.scale,
    score: customerReactions.score,
    teamId: customerReactions.teamId,
    createdAt: customerReactions.createdAt,
  });

  // Follow-ups of the very negative ones: older ones resolved; this week's open, one of them late.
  const veryNegative = stored
    .filter((r) => (r.scale === 'agree5' ? r.score <= 1 : r.score <= 2))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const pieter = memberIdByName.get('Pieter Jansen')!;
  const lars = memberIdByName.get('Lars de Boer')!;
  const managerOf = (team: string | null) => (team === teamId.get('Restaurant') ? lars : pieter);
  for (const [i, r] of veryNegative.entries()) {
    const created = localDay('Europe/Amsterdam', r.createdAt);
    const recent = i >= veryNegative.length - 2;
    await tx.insert(voiceFollowups).values({
      orgId,
      reactionId: r.id,
      teamId: r.teamId,
      dueOn: recent && i === veryNegative.length - 2 ? addDays(today, -1) : addDays(created, 2),
      status: recent ? 'open' : 'resolved',
      note: recent ? null : 'Gebeld, excuses gemaakt en een ontbijt aangeboden.',
      closedBy: recent ? null : managerOf(r.teamId),
      closedAt: recent ? null : new Date(r.createdAt.getTime() + 26 * 3600_000),
      createdAt: r.createdAt,
    });
  }
  const open = await tx.execute<{ id: string; team_id: string | null }>(
    sql`select id, team_id from voice_followups where org_id = ${orgId} and status = 'open'`,
  );
  if (open.rows.length) {
    await tx.insert(notifications).values(
      open.rows.map((f) => ({
        orgId,
        memberId: managerOf(f.team_id),
        kind: 'voice_followup' as const,
        data: { followupId: f.id, score: 1, scale: 'agree5' },
      })),
    );
  }
}
