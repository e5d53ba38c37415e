import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import {
  customers,
  promiseEvents,
  promiseSteps,
  promises,
  stepRatings,
  teamScanRatings,
} from '../db/schema/promises.schema';
import { addDays, daysBetween, localDay } from '../lib/days';
import { checkGuidelines, promiseStatus } from '../modules/promises/promise-rules';
import { claimDueReminders } from '../modules/promises/reminders.service';
import { random } from './demo-extras.seed';

// The hotel's promises of the last three months and the weeks ahead: group bookings, meetings,
// room changes and invoice corrections, each with its hand-offs between the teams. Most are kept;
// some hand-offs come late (housekeeping's room lists for groups most of all, so the chain shows a
// weak link), some promises break, some are renegotiated; receiving teams rated many hand-offs.
// Over 400 lines on purpose: demo data tables and the code that writes them, read top to bottom.

interface Flow {
  what: string[];
  offering: string | null;
  /** Who makes it, which team owns delivery, and the hand-offs in order: team and what it does. */
  maker: string;
  owner: string;
  steps: [string, string][];
  /** Days from making to the promised day. */
  lead: [number, number];
  weight: number;
}

const FLOWS: Flow[] = [
  {
    what: ['Groepsboeking: {n} kamers met ontbijt', 'Groepsarrangement voor {n} personen, kamers op één verdieping'],
    offering: 'Overnachting',
    maker: 'Verkoop',
    owner: 'Receptie',
    steps: [
      ['Verkoop', 'Kamerlijst en betaalafspraak doorgeven'],
      ['Receptie', 'Kamers toewijzen en sleutels klaarleggen'],
      ['Huishouding', 'Kamers klaar en gecontroleerd'],
    ],
    lead: [5, 35],
    weight: 3,
  },
  {
    what: ['Vergadering voor {n} personen met lunch', 'Heidag voor {n} personen met zaal en techniek'],
    offering: 'Vergaderarrangement',
    maker: 'Verkoop',
    owner: 'Restaurant',
    steps: [
      ['Verkoop', 'Definitief aantal en dieetwensen doorgeven'],
      ['Huishouding', 'Zaal opstellen en techniek testen'],
      ['Restaurant', 'Koffie en lunch verzorgen'],
    ],
    lead: [12, 45],
    weight: 2,
  },
  {
    what: ['Groepsdiner voor {n} personen in de tuinzaal', 'Verjaardagsdiner voor {n} personen'],
    offering: 'Groepsdiner',
    maker: 'Verkoop',
    owner: 'Restaurant',
    steps: [
      ['Verkoop', 'Menu en aantallen bevestigen'],
      ['Restaurant', 'Inkoop en mise-en-place'],
    ],
    lead: [6, 30],
    weight: 2,
  },
  {
    what: [
      'Kamerwissel naar een stillere kamer',
      'Kamerwissel naar een kamer met bad',
      'Kamer op de begane grond voor een gast met rolstoel',
    ],
    offering: 'Overnachting',
    maker: 'Receptie',
    owner: 'Huishouding',
    steps: [['Huishouding', 'Nieuwe kamer klaarmaken']],
    lead: [0, 2],
    weight: 3,
  },
  {
    what: [
      'Gecorrigeerde factuur voor de groep',
      'Factuur splitsen per gast',
      'Creditnota voor een dubbel geboekte nacht',
    ],
    offering: 'Overnachting',
    maker: 'Receptie',
    owner: 'Verkoop',
    steps: [
      ['Receptie', 'Verbruik en correcties verzamelen'],
      ['Verkoop', 'Factuur opnieuw opmaken en versturen'],
    ],
    lead: [3, 10],
    weight: 2,
  },
];

const CUSTOMERS: [string, string | null, string][] = [
  ['Reisgezelschap Zonnig Weg', 'Mevrouw Hoekstra', 'groepen'],
  ['Koor Zanglust', 'De heer Visser', 'groepen'],
  ['Advocatenkantoor Van Dam', 'Mevrouw Van Dam', 'zakelijk'],
  ['Tandartspraktijk Noord', 'De heer Kramer', 'zakelijk'],
  ['Gemeente Rivierstad', 'Afdeling Facilitair', 'zakelijk'],
  ['Stichting Groen Wonen', 'Mevrouw Bos', 'zakelijk'],
  ['Voetbalvereniging VV Oranje', 'De heer Smits', 'groepen'],
  ['Familie Jansen', null, 'particulier'],
  ['Familie El Idrissi', null, 'particulier'],
  ['Bruidspaar Sara en Joost', 'Sara de Lange', 'evenementen'],
  ['Fietsclub De Trappers', 'De heer Mulder', 'groepen'],
  ['Softwarebedrijf Lichtpunt', 'Mevrouw Aydin', 'zakelijk'],
  ['Gast kamer 214', null, 'particulier'],
  ['Gast kamer 108', null, 'particulier'],
  ['Seniorenreizen Horizon', 'Mevrouw Peeters', 'groepen'],
];

const BREACH_REASONS = [
  'Vaste klant; de keuken heeft ja gezegd.',
  'Concurrent kon het ook; overlegd met Eva.',
  'Directie akkoord gegeven, uitzondering.',
];
const RENEGOTIATE_REASONS = [
  'Klant schuift de datum op',
  'Groep kwam een week later',
  'Zaal was dubbel geboekt; met de klant een nieuwe dag afgesproken',
];
const SEND_BACK = ['Kamerlijst onvolledig', 'Dieetwensen ontbreken nog', 'Aantal personen klopt niet'];
const RATING_COMMENTS: Record<number, string[]> = {
  1: ['Kamers waren pas om vier uur klaar.', 'Niemand wist ervan.'],
  2: ['Lijst kwam op het laatste moment.', 'Moest drie keer navragen.'],
  3: ['Op zich goed, communicatie kan beter.'],
  4: ['Netjes op tijd.', 'Goed geregeld.'],
  5: ['Perfect voorbereid, dank!', 'Alles klopte tot in detail.'],
};
const REACTIONS: [string, number][] = [
  ['Groep was enthousiast, boekt volgend jaar weer.', 5],
  ['Tevreden, alleen de koffie was laat.', 4],
  ['Prima verzorgd.', 4],
  ['Klant vond de kamers te warm.', 2],
  ['Heel blij met de snelle oplossing.', 5],
];

/** How late, in days, a team tends to be: housekeeping's hand-offs for groups come late most often. */
const LATE_CHANCE: Record<string, number> = { Verkoop: 0.04, Receptie: 0.03, Huishouding: 0.14, Restaurant: 0.04 };

export async function seedDemoPromises(tx: Tx, orgId: string, teamIdByName: Map<string, string>) {
  const rnd = random(4);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const [{ time_zone: timeZone } = { time_zone: 'Europe/Amsterdam' }] = (
    await tx.execute<{ time_zone: string }>(sql`select time_zone from organizations where id = ${orgId}`)
  ).rows;
  const today = localDay(timeZone);
  const { rows: membership } = await tx.execute<{ team_id: string; member_id: string }>(
    sql`select team_id, member_id from team_members where org_id = ${orgId} order by team_id, member_id`,
  );
  const membersOf = (team: string) =>
    membership.filter((m) => m.team_id === teamIdByName.get(team)).map((m) => m.member_id);
  const { rows: offeringRows } = await tx.execute<{
    id: string;
    name: string;
    lead_time_days: number | null;
    conditions: string[];
  }>(sql`select id, name, lead_time_days, conditions from offerings where org_id = ${orgId}`);
  const offeringByName = new Map(offeringRows.map((o) => [o.name, o]));

  const customerRows = await tx
    .insert(customers)
    .values(
      CUSTOMERS.map(([name, contactPerson, segment]) => ({
        orgId,
        name,
        contactPerson,
        segment,
        createdAt: new Date(`${addDays(today, -100)}T09:00:00Z`),
      })),
    )
    .returning({ id: customers.id });

  const flows = FLOWS.flatMap((f) => Array.from({ length: f.weight }, () => f));
  const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  const promiseRows: (typeof promises.$inferInsert)[] = [];
  const stepRows: (typeof promiseSteps.$inferInsert)[] = [];
  const eventRows: (typeof promiseEvents.$inferInsert)[] = [];
  const ratingRows: (typeof stepRatings.$inferInsert)[] = [];

  for (let i = 0; i < 320; i++) {
    const flow = pick(flows);
    const made = addDays(today, -between(0, 92));
    let due = addDays(made, between(...flow.lead));
    const offering = flow.offering ? offeringByName.get(flow.offering) : undefined;
    const promiseId = crypto.randomUUID();
    const makerTeamId = teamIdByName.get(flow.maker)!;
    const madeBy = pick(membersOf(flow.maker));
    // Most confirm the offering's conditions; some do not, and say why.
    const conditionsMet = offering && rnd() > 0.06 ? offering.conditions : [];
    const breaches = checkGuidelines({
      offering: offering
        ? { leadTimeDays: offering.lead_time_days, conditions: offering.conditions, retired: false }
        : null,
      today: made,
      dueDate: due,
      conditionsMet,
    });
    const reason = breaches.length ? pick(BREACH_REASONS) : null;
    const n = between(8, 40);
    const what = pick(flow.what).replace('{n}', String(n));

    // the hand-offs, spread over the time between making and the promised day
    const span = daysBetween(made, due);
    const steps = flow.steps.map(([team, stepWhat], position) => ({
      id: crypto.randomUUID(),
      team,
      what: stepWhat,
      position,
      due: addDays(made, Math.round((span * (position + 1)) / flow.steps.length)),
    }));

    const events: (typeof promiseEvents.$inferInsert)[] = [
      { orgId, promiseId, kind: 'made', data: { dueDate: due, breaches, reason }, by: madeBy, at: at(made, 8) },
    ];
    // some are renegotiated on the way: a later day agreed with the customer
    let renegotiations = 0;
    if (rnd() < 0.08) {
      const newDue = addDays(due, between(3, 10));
      const when = addDays(made, Math.floor(span / 2));
      if (when <= today) {
        events.push({
          orgId,
          promiseId,
          kind: 'renegotiated',
          data: { from: due, to: newDue, reason: pick(RENEGOTIATE_REASONS), steps: [] },
          by: madeBy,
          at: at(when, 10),
        });
        const shift = (Date.parse(newDue) - Date.parse(due)) / 86_400_000;
        for (const s of steps) if (s.due > when) s.due = addDays(s.due, shift);
        due = newDue;
        renegotiations = 1;
      }
    }

    const states = steps.map((s) => {
      const teamId = teamIdByName.get(s.team)!;
      const late =
        rnd() < (LATE_CHANCE[s.team] ?? 0.1) * (flow.maker === 'Verkoop' && s.team === 'Huishouding' ? 1.6 : 1);
      const never = rnd() < 0.015;
      const doneOn = never ? null : late ? addDays(s.due, between(1, 3)) : addDays(s.due, -between(0, 1));
      const done = doneOn !== null && doneOn <= today ? (doneOn < made ? made : doneOn) : null;
      const owner = rnd() < 0.6 ? pick(membersOf(s.team)) : null;
      return { ...s, teamId, done, owner, accepted: done !== null || (s.due <= addDays(today, 5) && rnd() < 0.6) };
    });
    // the maker delivers when every hand-off is done and the day has come (a few a day late)
    const allDone = states.every((s) => s.done !== null);
    const lastDone = states.reduce((d, s) => (s.done && s.done > d ? s.done : d), made);
    const deliveredOn =
      allDone && due <= today ? (rnd() < 0.05 ? addDays(due, 1) : lastDone > due ? lastDone : due) : null;
    const delivered = deliveredOn !== null && deliveredOn <= today ? deliveredOn : null;
    const outcome = delivered
      ? promiseStatus({
          dueDate: due,
          deliveredOn: delivered,
          today,
          steps: states.map((s) => ({ kind: 'handoff', dueDate: s.due, accepted: true, doneOn: s.done })),
        })
      : null;

    promiseRows.push({
      orgId,
      id: promiseId,
      customerId: pick(customerRows).id,
      what,
      dueDate: due,
      offeringId: offering?.id ?? null,
      ownerTeamId: teamIdByName.get(flow.owner)!,
      madeBy,
      makerTeamId,
      breaches,
      breachReason: reason,
      conditionsMet,
      deliveredOn: delivered,
      deliveredBy: delivered ? madeBy : null,
      outcome,
      renegotiations,
      createdAt: at(made, 8),
      updatedAt: at(delivered ?? made, 12),
    });
    states.forEach((s, index) => {
      const next = states[index + 1]?.teamId ?? makerTeamId;
      const receiverTeamId = next === s.teamId ? null : next;
      const acceptedBy = s.owner ?? pick(membersOf(s.team));
      const doneBy = s.owner ?? acceptedBy;
      const acceptedDay = s.done ?? (s.accepted ? made : null);
      stepRows.push({
        orgId,
        id: s.id,
        promiseId,
        position: s.position,
        kind: 'handoff',
        teamId: s.teamId,
        receiverTeamId,
        what: s.what,
        dueDate: s.due,
        ownerMemberId: s.owner,
        acceptedAt: s.accepted && acceptedDay ? at(acceptedDay < made ? made : acceptedDay, 9) : null,
        acceptedBy: s.accepted ? acceptedBy : null,
        doneOn: s.done,
        doneAt: s.done ? at(s.done, 14) : null,
        doneBy: s.done ? doneBy : null,
        createdAt: at(made, 8),
      });
      if (s.accepted && acceptedDay)
        events.push({ orgId, promiseId, stepId: s.id, kind: 'accepted', by: acceptedBy, at: at(acceptedDay, 9) });
      if (s.done)
        events.push({
          orgId,
          promiseId,
          stepId: s.id,
          kind: 'done',
          data: { late: s.done > s.due },
          by: doneBy,
          at: at(s.done, 14),
        });
      // the receiving team rates about half of the hand-offs it got: late ones lower
      if (s.done && receiverTeamId && rnd() < 0.5) {
        const receiverName = [...teamIdByName].find(([, id]) => id === receiverTeamId)![0];
        const late = s.done > s.due;
        const score = Math.max(1, Math.min(5, (late ? 2 : 4) + between(-1, 1)));
        const by = pick(membersOf(receiverName));
        ratingRows.push({
          orgId,
          stepId: s.id,
          giverTeamId: s.teamId,
          receiverTeamId,
          handoffDay: s.done,
          score,
          comment: rnd() < 0.5 ? pick(RATING_COMMENTS[score]!) : null,
          by,
          at: at(s.done, 16),
        });
        events.push({ orgId, promiseId, stepId: s.id, kind: 'rated', data: { score }, by, at: at(s.done, 16) });
      }
    });
    // a few open hand-offs were sent back once
    const open = states.find((s, index) => index > 0 && s.done === null && s.due >= today);
    if (open && rnd() < 0.15) {
      const row = stepRows.find((r) => r.id === open.id)!;
      const reasonBack = pick(SEND_BACK);
      const by = pick(membersOf(open.team));
      Object.assign(row, {
        acceptedAt: null,
        acceptedBy: null,
        sentBackAt: at(today, 7),
        sentBackBy: by,
        sentBackReason: reasonBack,
      });
      events.push({
        orgId,
        promiseId,
        stepId: open.id,
        kind: 'sent_back',
        data: { reason: reasonBack, reopened: null },
        by,
        at: at(today, 7),
      });
    }
    if (delivered) {
      events.push({
        orgId,
        promiseId,
        kind: 'delivered',
        data: { deliveredOn: delivered, outcome },
        by: madeBy,
        at: at(delivered, 17),
      });
      // the follow-up: how did it land? Done with the customer's reaction for most of the older ones
      if (flow.maker === 'Verkoop' && rnd() < 0.6) {
        const followUpDue = addDays(delivered, 3);
        // older follow-ups were all made; of this week's some are still to do
        const doneFollowUp = followUpDue <= today && (followUpDue < addDays(today, -7) || rnd() < 0.5);
        const [reactionText, reactionScore] = pick(REACTIONS);
        const stepId = crypto.randomUUID();
        stepRows.push({
          orgId,
          id: stepId,
          promiseId,
          position: states.length,
          kind: 'aftersales',
          teamId: makerTeamId,
          receiverTeamId: null,
          what: 'Bellen: hoe is het bevallen?',
          dueDate: followUpDue,
          doneOn: doneFollowUp ? followUpDue : null,
          doneAt: doneFollowUp ? at(followUpDue, 11) : null,
          doneBy: doneFollowUp ? madeBy : null,
          acceptedAt: doneFollowUp ? at(followUpDue, 11) : null,
          acceptedBy: doneFollowUp ? madeBy : null,
          reactionText: doneFollowUp ? reactionText : null,
          reactionScore: doneFollowUp ? reactionScore : null,
          createdAt: at(delivered, 17),
        });
        if (doneFollowUp)
          events.push({
            orgId,
            promiseId,
            stepId,
            kind: 'reaction',
            data: { reactionScore, reactionText },
            by: madeBy,
            at: at(followUpDue, 11),
          });
      }
    }
    eventRows.push(...events);
  }

  for (let i = 0; i < promiseRows.length; i += 200) await tx.insert(promises).values(promiseRows.slice(i, i + 200));
  for (let i = 0; i < stepRows.length; i += 200) await tx.insert(promiseSteps).values(stepRows.slice(i, i + 200));
  for (let i = 0; i < eventRows.length; i += 200) await tx.insert(promiseEvents).values(eventRows.slice(i, i + 200));
  for (let i = 0; i < ratingRows.length; i += 200) await tx.insert(stepRatings).values(ratingRows.slice(i, i + 200));

  // The scan of this quarter: the managers rated the teams they work with.
  const quarterStart = `${today.slice(0, 5)}${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  const { rows: managers } = await tx.execute<{ team_id: string; member_id: string }>(
    sql`select team_id, member_id from team_members where org_id = ${orgId} and is_manager`,
  );
  const scan: (typeof teamScanRatings.$inferInsert)[] = [];
  for (const m of managers) {
    for (const [, ratedTeamId] of teamIdByName) {
      if (ratedTeamId === m.team_id || rnd() < 0.3) continue;
      const weak = ratedTeamId === teamIdByName.get('Huishouding');
      scan.push({
        orgId,
        quarterStart,
        raterTeamId: m.team_id,
        ratedTeamId,
        memberId: m.member_id,
        score: weak ? between(2, 3) : between(3, 5),
        comment: weak ? 'Kamerlijsten voor groepen komen vaak te laat.' : null,
      });
    }
  }
  if (scan.length) await tx.insert(teamScanRatings).values(scan);

  // The reminders of the steps already due or late went out before: in the app they are there to
  // read, and no pile of e-mails leaves at the first start.
  await claimDueReminders(tx, new Date());
  await tx.execute(sql`update step_reminders set mail_status = 'sent' where org_id = ${orgId}`);
}
