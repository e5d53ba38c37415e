import type { ExtraKind } from '../../contracts/constants';
import type { Mandate } from '../../contracts/extras.contract';
import type { Tx } from '../db/client';
import { extraReactions, extras, mandates } from '../db/schema/extras.schema';
import { coreValues, offerings, purposes } from '../db/schema/values.schema';
import { fillOccasionWords } from '../modules/extras/extras.repo';

// Hotel De Kroon's purpose, values, offer profile, mandates and eight weeks of extras.
// Over 400 lines on purpose: demo data tables and the code that writes them, read top to bottom.

const PURPOSE = {
  purpose: 'Hotel De Kroon is een thuis in de stad: iedere gast gaat weg met een verhaal dat hij graag vertelt.',
  offerSummary: 'Kamers en suites, ontbijt en diner, vergaderingen en kleine evenementen midden in het centrum.',
  audience: 'Zakelijke gasten doordeweeks, stedentrippers en families in het weekend.',
};

const VALUES = [
  {
    name: 'Gastvrij',
    description: 'We ontvangen iedereen alsof het onze eigen gast thuis is.',
    behaviours: [
      'Begroet elke gast binnen tien seconden',
      'Onthoudt en gebruikt de naam van de gast',
      'Loopt mee in plaats van de weg te wijzen',
    ],
  },
  {
    name: 'Eerlijk',
    description: 'We beloven alleen wat we waar kunnen maken.',
    behaviours: ['Zegt het meteen als iets niet kan', 'Belt terug wanneer toegezegd', 'Geeft fouten toe en lost ze op'],
  },
  {
    name: 'Samen',
    description: 'Wat één collega belooft, maken we samen waar.',
    behaviours: [
      'Geeft informatie door bij de overdracht',
      'Springt bij als het druk is',
      'Vraagt de interne klant wat nodig is',
    ],
  },
  {
    name: 'Verrassend',
    description: 'Een klein extraatje op het juiste moment maakt het verschil.',
    behaviours: [
      'Let op de aanleiding',
      'Doet iets persoonlijks, niet iets standaards',
      'Vertelt het verhaal door aan het team',
    ],
  },
];

const OFFERINGS = [
  {
    name: 'Overnachting',
    audience: 'Zakelijke gasten en toeristen',
    description: 'Kamers en suites met ontbijt.',
    leadTimeDays: 0,
    conditions: ['Inchecken vanaf 15:00, uitchecken tot 11:00', 'Late check-out alleen na overleg met de receptie'],
  },
  {
    name: 'Vergaderarrangement',
    audience: 'Bedrijven, 8 tot 40 personen',
    description: 'Zaal, koffie, lunch en techniek.',
    leadTimeDays: 14,
    conditions: ['Minimaal 8 personen', 'Definitief aantal uiterlijk 5 werkdagen vooraf', 'Aanbetaling van 30%'],
  },
  {
    name: 'Groepsdiner',
    audience: 'Groepen vanaf 10 personen',
    description: 'Driegangendiner in de tuinzaal.',
    leadTimeDays: 7,
    conditions: ['Vast menu voor de hele groep', 'Dieetwensen uiterlijk 3 dagen vooraf'],
  },
  {
    name: 'Bruiloftsarrangement',
    audience: 'Bruidsparen',
    description: 'Ceremonie, diner en feest in de tuinzaal.',
    leadTimeDays: 120,
    conditions: ['Alleen op vrijdag en zaterdag', 'Exclusief gebruik van de tuinzaal vanaf 60 gasten'],
  },
];

/** team name -> [period, budget, max per extra, kinds] (all in cents) */
const TEAM_MANDATES: Record<string, [Mandate['period'], number, number, ExtraKind[]]> = {
  Receptie: ['week', 2500, 1000, ['gift', 'time', 'upgrade']],
  Huishouding: ['week', 1500, 500, ['gift', 'time']],
  Restaurant: ['week', 3000, 1000, ['gift', 'time', 'discount']],
  Verkoop: ['month', 10000, 2500, ['gift', 'time', 'upgrade', 'discount', 'other']],
};
const ROLE_MANDATE: [Mandate['period'], number, number, ExtraKind[]] = ['week', 1000, 500, ['gift', 'time']];

export interface Story {
  occasion: string;
  action: string;
  kind: ExtraKind;
  cost: number;
  minutes: number;
  values: number[];
  reactions: [string, number][];
}

export const STORIES: Record<string, Story[]> = {
  Receptie: [
    {
      occasion: 'Gast kwam aan na een vlucht van veertien uur',
      action: 'Kamer eerder klaargezet en een fles water en fruit neergezet',
      kind: 'time',
      cost: 300,
      minutes: 15,
      values: [0, 3],
      reactions: [
        ['Was zichtbaar opgelucht en bedankte twee keer', 5],
        ['Vond het fijn', 4],
      ],
    },
    {
      occasion: 'Gasten vierden hun 25-jarig huwelijk',
      action: 'Upgrade naar de kamer met uitzicht op de gracht',
      kind: 'upgrade',
      cost: 0,
      minutes: 10,
      values: [3],
      reactions: [['Stuurde de volgende dag een bedankmail', 5]],
    },
    {
      occasion: 'Zakenman had zijn oplader thuis laten liggen',
      action: 'Oplader uit de gevonden voorwerpen uitgeleend',
      kind: 'time',
      cost: 0,
      minutes: 5,
      values: [0],
      reactions: [['Kon zijn presentatie toch voorbereiden', 4]],
    },
    {
      occasion: 'Gezin met jonge kinderen na een lange reis',
      action: 'Kleurplaten en een kleine knuffel voor de kinderen',
      kind: 'gift',
      cost: 600,
      minutes: 5,
      values: [0, 3],
      reactions: [['Kinderen waren dolblij, ouders ook', 5]],
    },
    {
      occasion: 'Gast was jarig',
      action: 'Kaartje en taartje op de kamer gezet',
      kind: 'gift',
      cost: 450,
      minutes: 10,
      values: [3],
      reactions: [
        ['Ze straalde bij het ontbijt', 5],
        ['Aardig, zei hij', 4],
      ],
    },
    {
      occasion: 'Gast miste de laatste trein naar huis',
      action: 'Taxi gebeld en de rit naar het station betaald',
      kind: 'gift',
      cost: 900,
      minutes: 20,
      values: [0],
      reactions: [['Zeer dankbaar, komt zeker terug', 5]],
    },
    {
      occasion: 'Regenachtige dag, gast wilde de stad in',
      action: 'Paraplu van het hotel meegegeven',
      kind: 'gift',
      cost: 0,
      minutes: 2,
      values: [0],
      reactions: [['Kwam lachend terug', 4]],
    },
    {
      occasion: 'Klacht over geluid van de straat',
      action: 'Rustige kamer aan de achterkant gegeven',
      kind: 'upgrade',
      cost: 0,
      minutes: 15,
      values: [1],
      reactions: [
        ['Vond het netjes opgelost', 3],
        ['Sliep daarna goed', 4],
      ],
    },
    {
      occasion: 'Late check-out gevraagd voor een avondvlucht',
      action: 'Gratis late check-out tot 16:00',
      kind: 'time',
      cost: 0,
      minutes: 5,
      values: [0, 2],
      reactions: [['Heel blij', 5]],
    },
    {
      occasion: 'Gast zocht een apotheek in de avond',
      action: 'Meegelopen naar de dienstapotheek om de hoek',
      kind: 'time',
      cost: 0,
      minutes: 20,
      values: [0],
      reactions: [['Voelde zich goed geholpen', 5]],
    },
  ],
  Huishouding: [
    {
      occasion: 'Gast had een allergie voor veren',
      action: 'Synthetisch kussen en dekbed gelegd',
      kind: 'time',
      cost: 0,
      minutes: 15,
      values: [0, 2],
      reactions: [['Sliep eindelijk goed, zei ze', 5]],
    },
    {
      occasion: 'Kind was zijn knuffel vergeten bij vertrek',
      action: 'Knuffel nagestuurd met een briefje',
      kind: 'gift',
      cost: 450,
      minutes: 20,
      values: [3],
      reactions: [['Moeder stuurde een foto van het blije kind', 5]],
    },
    {
      occasion: 'Gast verbleef een week voor zijn werk',
      action: 'Extra koffie en een leeslamp neergezet',
      kind: 'gift',
      cost: 300,
      minutes: 10,
      values: [0],
      reactions: [['Bedankte in de review', 4]],
    },
    {
      occasion: 'Vlek op het pak van een gast vlak voor een bruiloft',
      action: 'Pak met spoed laten reinigen',
      kind: 'gift',
      cost: 500,
      minutes: 30,
      values: [0, 2],
      reactions: [['Op tijd klaar, zeer dankbaar', 5]],
    },
    {
      occasion: 'Oudere gast had moeite met de douche',
      action: 'Douchestoel en antislipmat geplaatst',
      kind: 'time',
      cost: 0,
      minutes: 15,
      values: [0],
      reactions: [['Erg gewaardeerd', 5]],
    },
    {
      occasion: 'Gast wilde niet gestoord worden maar had geen handdoeken meer',
      action: 'Handdoeken met een briefje aan de deurknop gehangen',
      kind: 'time',
      cost: 0,
      minutes: 5,
      values: [0],
      reactions: [['Vond het attent', 4]],
    },
  ],
  Restaurant: [
    {
      occasion: 'Gast had een glutenintolerantie',
      action: 'Glutenvrij brood bij de bakker gehaald',
      kind: 'gift',
      cost: 400,
      minutes: 20,
      values: [0, 2],
      reactions: [['Voelde zich gezien', 5]],
    },
    {
      occasion: 'Stel had een aanzoek gepland',
      action: 'Tafel met kaarsjes en een glas bubbels aangeboden',
      kind: 'gift',
      cost: 900,
      minutes: 15,
      values: [3],
      reactions: [['Ze zei ja, de hele zaal klapte', 5]],
    },
    {
      occasion: 'Gast moest vroeg weg, ontbijt was nog niet open',
      action: 'Ontbijtpakket meegegeven',
      kind: 'gift',
      cost: 350,
      minutes: 10,
      values: [0],
      reactions: [
        ['Blij verrast', 5],
        ['Prima', 3],
      ],
    },
    {
      occasion: 'Wachttijd liep op bij een druk diner',
      action: 'Voorgerecht van het huis aangeboden',
      kind: 'discount',
      cost: 800,
      minutes: 5,
      values: [1],
      reactions: [['Begripvol, gaf toch een goede fooi', 4]],
    },
    {
      occasion: 'Kind lustte niets van de kaart',
      action: 'Pannenkoek gebakken buiten de kaart om',
      kind: 'time',
      cost: 150,
      minutes: 15,
      values: [0, 3],
      reactions: [['Kind at zijn bord leeg', 5]],
    },
    {
      occasion: 'Klacht over koude soep',
      action: 'Nieuwe soep en het dessert niet berekend',
      kind: 'discount',
      cost: 700,
      minutes: 10,
      values: [1],
      reactions: [
        ['Tevreden, maar niet enthousiast', 3],
        ['Bleef ontevreden over de wachttijd', 2],
      ],
    },
  ],
  Verkoop: [
    {
      occasion: 'Vaste zakelijke klant organiseerde een teamuitje',
      action: 'Welkomstdrankje voor de groep geregeld',
      kind: 'gift',
      cost: 2000,
      minutes: 30,
      values: [0, 2],
      reactions: [['Boekt volgend jaar weer', 5]],
    },
    {
      occasion: 'Klant twijfelde tussen ons en een ander hotel',
      action: 'Rondleiding gegeven en een lunch aangeboden',
      kind: 'gift',
      cost: 2400,
      minutes: 90,
      values: [0, 1],
      reactions: [
        ['Tekende de offerte', 5],
        ['Koos toch voor de ander, vond ons wel prettig', 3],
      ],
    },
    {
      occasion: 'Evenement liep uit',
      action: 'Zaal een uur langer zonder kosten',
      kind: 'discount',
      cost: 0,
      minutes: 60,
      values: [2],
      reactions: [['Organisator zeer tevreden', 5]],
    },
    {
      occasion: 'Klant wilde op het laatste moment het programma wijzigen',
      action: 'Programma aangepast en opnieuw gedrukt',
      kind: 'time',
      cost: 0,
      minutes: 45,
      values: [1, 2],
      reactions: [['Dankbaar', 4]],
    },
    {
      occasion: 'Nieuwe klant vroeg een offerte met weinig tijd',
      action: 'Offerte dezelfde dag nog langsgebracht',
      kind: 'time',
      cost: 0,
      minutes: 60,
      values: [0, 1],
      reactions: [['Onder de indruk van de snelheid', 5]],
    },
  ],
};

const ABOVE_REASONS = [
  'Gast had een zware week na een sterfgeval in de familie',
  'Het was ons fout, dus ik wilde het echt goedmaken',
  'Vaste gast die al twintig jaar komt',
];

/** A small deterministic random generator, so every fresh demo tells the same stories. */
export function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoStaff {
  memberId: string;
  teamIds: string[];
  teamName: string;
}

/** Week key of a moment (Mondays, UTC is close enough for demo budgets). */
const weekOf = (d: Date) => Math.floor((d.getTime() / 86_400_000 + 3) / 7);

export async function seedDemoExtras(
  tx: Tx,
  orgId: string,
  teamIdsByName: Map<string, string>,
  staff: DemoStaff[],
  directorMemberId: string,
  now = new Date(),
) {
  await tx.insert(purposes).values({ orgId, ...PURPOSE, updatedBy: directorMemberId });
  const valueRows = await tx
    .insert(coreValues)
    .values(VALUES.map((v, i) => ({ orgId, ...v, position: i + 1 })))
    .returning({ id: coreValues.id });
  await tx.insert(offerings).values(OFFERINGS.map((o) => ({ orgId, ...o })));
  await tx.insert(mandates).values([
    ...Object.entries(TEAM_MANDATES).map(([team, [period, budgetCents, maxPerExtraCents, allowedKinds]]) => ({
      orgId,
      scopeType: 'team' as const,
      scopeKey: teamIdsByName.get(team)!,
      period,
      budgetCents,
      maxPerExtraCents,
      allowedKinds,
    })),
    {
      orgId,
      scopeType: 'role' as const,
      scopeKey: 'member',
      period: ROLE_MANDATE[0],
      budgetCents: ROLE_MANDATE[1],
      maxPerExtraCents: ROLE_MANDATE[2],
      allowedKinds: ROLE_MANDATE[3],
    },
  ]);

  const rnd = random(20261122);
  const rows: (typeof extras.$inferInsert)[] = [];
  const used = new Map<string, number>();
  for (let day = 55; day >= 0; day--) {
    for (const person of staff) {
      if (rnd() > 0.245) continue;
      const stories = STORIES[person.teamName]!;
      const story = stories[Math.floor(rnd() * stories.length)]!;
      const [period, budget, max, kinds] = TEAM_MANDATES[person.teamName]!;
      const occurredAt = new Date(now.getTime() - day * 86_400_000 - (1 + rnd() * 10) * 3_600_000);
      const generous = rnd() < 0.04;
      const cost = generous
        ? max + 500 + Math.round(rnd() * 10) * 100
        : Math.min(max, Math.round((story.cost * (0.7 + rnd() * 0.6)) / 50) * 50);
      const key = `${person.memberId}:${period === 'week' ? weekOf(occurredAt) : `${occurredAt.getUTCFullYear()}-${occurredAt.getUTCMonth()}`}`;
      const spent = (used.get(key) ?? 0) + cost;
      used.set(key, spent);
      const above = cost > max || spent > budget || !kinds.includes(story.kind);
      const reacted = rnd() < 0.85;
      const [reactionText, reactionScore] = story.reactions[Math.floor(rnd() * story.reactions.length)]!;
      rows.push({
        orgId,
        memberId: person.memberId,
        teamIds: person.teamIds,
        occurredAt,
        occasion: story.occasion,
        action: story.action,
        kind: story.kind,
        costCents: cost,
        minutes: story.minutes,
        valueIds: story.values.map((i) => valueRows[i]!.id),
        customerRef: rnd() < 0.3 ? `Kamer ${100 + Math.floor(rnd() * 300)}` : null,
        reactionText: reacted ? reactionText : null,
        reactionScore: reacted ? reactionScore : null,
        aboveMandate: above,
        aboveMandateReason: above ? ABOVE_REASONS[Math.floor(rnd() * ABOVE_REASONS.length)]! : null,
        createdAt: new Date(occurredAt.getTime() + 20 * 60_000),
        updatedAt: new Date(occurredAt.getTime() + 20 * 60_000),
      });
    }
  }
  const inserted = await tx.insert(extras).values(rows).returning({
    id: extras.id,
    memberId: extras.memberId,
    reactionText: extras.reactionText,
    reactionScore: extras.reactionScore,
    createdAt: extras.createdAt,
  });
  const reactions = inserted
    .filter((e) => e.reactionScore !== null)
    .map((e) => ({
      orgId,
      extraId: e.id,
      reactionText: e.reactionText,
      reactionScore: e.reactionScore,
      changedBy: e.memberId,
      changedAt: e.createdAt,
    }));
  if (reactions.length) await tx.insert(extraReactions).values(reactions);
  await fillOccasionWords(tx, orgId);
  return { extras: inserted.length };
}
