import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { campaignActions, campaignQuestions, campaigns, mirrorAnswers } from '../db/schema/questions.schema';
import { addDays, localDay } from '../lib/days';
import { ballotKeyer } from '../modules/questions/ballots';
import { closeWithin } from '../modules/questions/closing.service';
import { openCampaign } from '../modules/questions/opening.service';
import { QUESTION_BANK } from '../modules/questions/question-bank';

// The demo's core questions: a spring and an autumn campaign, closed, so the results have a
// trend; an open December pulse that some have answered (the demo logins have not: they can try it).
// Housekeeping feels less supported than its manager thinks (the mirror), cooperation lags, and the
// mandate improved after spring's action.

const SPRING = [
  'leadership.backs_extras',
  'leadership.motivates',
  'leadership.support',
  'cooperation.left_right',
  'cooperation.keep_promises',
  'mandate.room',
  'mandate.known',
  'values.known',
  'customer.recommend',
  'cooperation.improve',
];
const AUTUMN = [...SPRING, 'communication.changes', 'communication.ask_board'];
const PULSE = [
  'leadership.support',
  'cooperation.left_right',
  'mandate.room',
  'customer.recommend',
  'communication.ask_board',
];

/** The demo logins people try first: they have not answered the pulse yet. */
const LEAVE_OPEN = new Set([
  'Lisa Mulder',
  'Kees Vermeulen',
  'Pieter Jansen',
  'Iris Prins',
  'Anna de Kroon',
  'Jeroen Bakker',
  'Lars de Boer',
]);

const TEXTS: Record<string, string[]> = {
  'cooperation.improve': [
    'Een kort overleg tussen receptie en huishouding aan het begin van de dag.',
    'Dat verkoop ons eerder laat weten wat er aan groepen komt.',
    'Eén plek waar alle afspraken met gasten staan.',
    'Samen lunchen met andere teams, dan ken je elkaar.',
    'Duidelijk wie wat doet bij een kamerwissel.',
    'Terugkoppeling als iets goed is gegaan, niet alleen als het misgaat.',
    'Minder via de mail, meer even langslopen.',
  ],
  'communication.ask_board': [
    'Waarom horen we veranderingen vaak als laatste?',
    'Kunnen we vaker horen wat gasten over ons zeggen?',
    'Dank voor de ruimte om iets extra’s te doen, dat merken gasten.',
    'Wanneer komt er extra hulp in het hoogseizoen?',
    'Kom eens een ochtend meedraaien op de kamers.',
    'Wat gebeurt er met de uitkomsten van deze vragen?',
  ],
};

/** A stable pseudo-random number in [0, 1) from a text. */
function noise(seed: string) {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

/** How a team leans on a question, by campaign: housekeeping lower on leadership and cooperation, the mandate better after spring. */
function lean(team: string, key: string, campaign: 'spring' | 'autumn' | 'pulse') {
  let d = 0;
  if (team === 'Huishouding' && key.startsWith('leadership.')) d -= 1.3;
  if (team === 'Huishouding' && key.startsWith('cooperation.')) d -= 0.8;
  if (team === 'Receptie') d += 0.4;
  if (key === 'cooperation.keep_promises') d -= 0.7;
  if (key.startsWith('mandate.')) d += campaign === 'spring' ? -0.9 : 0.3;
  return d;
}

type Person = {
  member_id: string;
  name: string;
  level: string;
  team_names: string[];
  managed_team_ids: string[];
};

export async function seedDemoQuestions(
  tx: Tx,
  orgId: string,
  secret: string,
  teamId: Map<string, string>,
  directorMemberId: string,
) {
  const today = localDay('Europe/Amsterdam');
  const spring = await seedCampaign(tx, orgId, secret, {
    title: 'Kernvragen voorjaar 2026',
    keys: SPRING,
    opensOn: addDays(today, -238),
    closesOn: addDays(today, -224),
    answers: (p) => noise(`spring|${p.name}`) < 0.9,
    directorMemberId,
  });
  const autumn = await seedCampaign(tx, orgId, secret, {
    title: 'Kernvragen najaar 2026',
    keys: AUTUMN,
    opensOn: addDays(today, -35),
    closesOn: addDays(today, -21),
    // Everyone in housekeeping answered: a team of five only shows when all five do.
    answers: (p) => p.team_names.includes('Huishouding') || noise(`autumn|${p.name}`) < 0.93,
    directorMemberId,
  });
  await seedCampaign(tx, orgId, secret, {
    title: 'Pulse december',
    keys: PULSE,
    opensOn: addDays(today, -3),
    closesOn: addDays(today, 11),
    answers: (p) => !LEAVE_OPEN.has(p.name) && noise(`pulse|${p.name}`) < 0.8,
    directorMemberId,
    open: true,
  });
  // Only the latest results are news: the older notices would only fill the bell.
  await tx.execute(sql`
    delete from notifications where org_id = ${orgId}
       and (kind = 'campaign_open' and data->>'campaignId' in (${spring.id}, ${autumn.id}) or kind = 'campaign_closed' and data->>'campaignId' = ${spring.id})`);

  const question = async (campaignId: string, key: string) => {
    const [q] = await tx
      .select({ id: campaignQuestions.id })
      .from(campaignQuestions)
      .where(
        and(
          eq(campaignQuestions.orgId, orgId),
          eq(campaignQuestions.campaignId, campaignId),
          eq(campaignQuestions.questionKey, key),
        ),
      );
    return q!.id;
  };
  const huishouding = teamId.get('Huishouding')!;
  const fatima = await memberNamed(tx, orgId, 'Fatima El Amrani');
  await tx.insert(campaignActions).values([
    {
      orgId,
      campaignId: spring.id,
      questionId: await question(spring.id, 'mandate.room'),
      questionKey: 'mandate.room',
      groupKey: 'org',
      what: 'In elk werkoverleg één voorbeeld bespreken van iets extra’s dat binnen het mandaat viel.',
      ownerMemberId: directorMemberId,
      ownerName: 'Anna de Kroon',
      dueOn: addDays(spring.closesOn, 60),
      doneOn: addDays(spring.closesOn, 45),
      doneNote: 'Staat vast op de agenda van elk teamoverleg.',
      createdBy: directorMemberId,
    },
    {
      orgId,
      campaignId: autumn.id,
      questionId: await question(autumn.id, 'cooperation.keep_promises'),
      questionKey: 'cooperation.keep_promises',
      groupKey: 'org',
      what: 'Elke maandag een kwartier keten-overleg: welke overdrachten liepen te laat en waarom.',
      ownerMemberId: directorMemberId,
      ownerName: 'Anna de Kroon',
      dueOn: addDays(today, 30),
      createdBy: directorMemberId,
    },
    {
      orgId,
      campaignId: autumn.id,
      questionId: await question(autumn.id, 'leadership.support'),
      questionKey: 'leadership.support',
      groupKey: `team:${huishouding}`,
      what: 'Met ieder teamlid een gesprek: wat heb je van mij nodig om je werk goed te doen?',
      ownerMemberId: fatima,
      ownerName: 'Fatima El Amrani',
      dueOn: addDays(today, 21),
      createdBy: fatima,
    },
  ]);
}

async function memberNamed(tx: Tx, orgId: string, name: string) {
  const { rows } = await tx.execute<{ id: string }>(sql`
    select m.id from members m join auth_user u on u.id = m.user_id where m.org_id = ${orgId} and u.name = ${name}`);
  return rows[0]!.id;
}

async function seedCampaign(
  tx: Tx,
  orgId: string,
  secret: string,
  c: {
    title: string;
    keys: string[];
    opensOn: string;
    closesOn: string;
    answers: (p: Person) => boolean;
    directorMemberId: string;
    open?: boolean;
  },
) {
  const [row] = await tx
    .insert(campaigns)
    .values({
      orgId,
      title: c.title,
      opensOn: c.opensOn,
      closesOn: c.closesOn,
      audienceAll: true,
      reminderDays: [3, 1],
      createdBy: c.directorMemberId,
    })
    .returning();
  const bank = new Map(QUESTION_BANK.map((q) => [q.key, q]));
  const questions = await tx
    .insert(campaignQuestions)
    .values(
      c.keys.map((key, position) => {
        const q = bank.get(key)!;
        return {
          orgId,
          campaignId: row!.id,
          position,
          questionKey: key,
          theme: q.theme,
          kind: q.kind,
          text: q.text,
          selfView: q.selfView ?? null,
        };
      }),
    )
    .returning();
  await openCampaign(tx, secret, row!, c.opensOn);
  await tx.execute(
    sql`update campaigns set opened_at = ${`${c.opensOn}T07:00:00Z`}::timestamptz where org_id = ${orgId} and id = ${row!.id}`,
  );

  const { rows: people } = await tx.execute<Person>(sql`
    select a.member_id, u.name, a.level, a.managed_team_ids,
           coalesce((select array_agg(t.name) from teams t where t.org_id = a.org_id and t.id = any(a.team_ids)), '{}') as team_names
      from campaign_audience a join members m on m.org_id = a.org_id and m.id = a.member_id join auth_user u on u.id = m.user_id
     where a.org_id = ${orgId} and a.campaign_id = ${row!.id}`);
  const phase = c.open ? 'pulse' : c.title.includes('voorjaar') ? 'spring' : 'autumn';
  const keyOf = ballotKeyer(secret, row!.id);
  const texts = new Map(Object.entries(TEXTS).map(([k, list]) => [k, [...list]]));
  for (const p of people) {
    if (!c.answers(p)) continue;
    const team = p.team_names[0] ?? '';
    const answers: { questionId: string; value: number | null; text: string | null }[] = [];
    for (const q of questions) {
      const r = noise(`${row!.id}|${p.name}|${q.questionKey}`);
      if (q.kind === 'open') {
        const pool = texts.get(q.questionKey);
        if (pool?.length && r < 0.4) answers.push({ questionId: q.id, value: null, text: pool.shift()! });
        continue;
      }
      if (r < 0.04 && !team.startsWith('Huis')) continue; // skipped
      if (q.kind === 'scale10')
        answers.push({
          questionId: q.id,
          value: Math.max(0, Math.min(10, Math.round(7.4 + lean(team, q.questionKey, phase) + (r - 0.5) * 5))),
          text: null,
        });
      else
        answers.push({
          questionId: q.id,
          value: Math.max(1, Math.min(5, Math.round(3.7 + lean(team, q.questionKey, phase) + (r - 0.5) * 2.4))),
          text: null,
        });
    }
    const { rows: ballot } = await tx.execute<{ id: string }>(sql`
      insert into campaign_ballots (org_id, campaign_id, ballot_key) values (${orgId}, ${row!.id}, ${keyOf(p.member_id)}) returning id`);
    await tx.execute(sql`
      insert into campaign_answers (org_id, campaign_id, ballot_id, question_id, value, text)
      select ${orgId}, ${row!.id}, ${ballot[0]!.id}, q, v, t
        from unnest(${sql.param(answers.map((a) => a.questionId))}::uuid[], ${sql.param(answers.map((a) => a.value))}::smallint[], ${sql.param(answers.map((a) => a.text))}::text[]) as x(q, v, t)`);
    // Managers look at themselves more kindly than their team does (the mirror shows it).
    if (p.managed_team_ids.length > 0 && !(c.open && LEAVE_OPEN.has(p.name))) {
      const self = questions.filter((q) => q.selfView);
      if (self.length)
        await tx.insert(mirrorAnswers).values(
          self.map((q) => ({
            orgId,
            campaignId: row!.id,
            memberId: p.member_id,
            questionId: q.id,
            value: noise(`${p.name}|self|${q.questionKey}`) < 0.6 ? 5 : 4,
          })),
        );
    }
  }
  if (!c.open)
    await closeWithin(tx, secret, orgId, row!.id, undefined, new Date(`${addDays(c.closesOn, 1)}T06:00:00Z`));
  await tx.execute(
    sql`update campaigns set closed_at = ${`${addDays(c.closesOn, 1)}T06:00:00Z`}::timestamptz where org_id = ${orgId} and id = ${row!.id} and status = 'closed'`,
  );
  return { id: row!.id, closesOn: c.closesOn };
}
