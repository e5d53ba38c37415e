import type { Proposal } from '../../contracts/counsel.contract';
import type { Tx } from '../db/client';
import { needSupports, needs, proposalEvents, proposals } from '../db/schema/counsel.schema';
import { notifications } from '../db/schema/platform.schema';

// The demo's counsel: needs raised by the staff, some recognised by Anna; proposals from
// Sanne (the outside sales adviser) and colleagues — approved, declined, one where Anna asked for more,
// and two waiting in her queue, one of them serving no recognised need.

const DAY = 86_400_000;
const ago = (days: number, hours = 0) => new Date(Date.now() - days * DAY - hours * 3600_000);

export async function seedDemoCounsel(tx: Tx, orgId: string, memberIdByName: Map<string, string>) {
  const who = (name: string) => memberIdByName.get(name)!;
  const anna = who('Anna de Kroon');
  const sanne = who('Sanne Visser');

  const needRows = await tx
    .insert(needs)
    .values([
      {
        orgId,
        what: 'Minder wachten bij het inchecken op vrijdagmiddag',
        forWhom: 'Gasten die op vrijdag aankomen, en de receptie',
        whyNow: 'Op vrijdag staan er rijen; de klantstem van de receptie is dan het laagst.',
        raisedBy: who('Lisa Mulder'),
        recognisedAt: ago(60),
        recognisedBy: anna,
        createdAt: ago(64),
      },
      {
        orgId,
        what: 'Eerder weten welke groepen er komen',
        forWhom: 'Huishouding en restaurant',
        whyNow: 'Groepsboekingen horen we vaak pas een dag vooraf; dan lukt het niet meer goed.',
        raisedBy: who('Fatima El Amrani'),
        recognisedAt: ago(45),
        recognisedBy: anna,
        createdAt: ago(50),
      },
      {
        orgId,
        what: 'Meer vaste zakelijke gasten',
        forWhom: 'Verkoop, en de bezetting doordeweeks',
        whyNow: 'De bezetting op dinsdag en woensdag daalt sinds de zomer.',
        raisedBy: who('Eva Smit'),
        recognisedAt: ago(30),
        recognisedBy: anna,
        createdAt: ago(34),
      },
      {
        orgId,
        what: 'Een rustige pauzeplek voor het personeel',
        forWhom: 'Alle medewerkers',
        whyNow: 'We pauzeren nu in de gang naast de linnenkamer.',
        raisedBy: who('Kees Vermeulen'),
        createdAt: ago(12),
      },
    ])
    .returning();
  const [checkIn, groups, business, breakRoom] = needRows;
  const supporters: [string, string[]][] = [
    [checkIn!.id, ['Lisa Mulder', 'Daan de Groot', 'Noor Hendriks', 'Pieter Jansen', 'Emma Peters', 'Tom van Dijk']],
    [groups!.id, ['Fatima El Amrani', 'Lars de Boer', 'Yara Bos', 'Ruben Dekker', 'Julia Kok']],
    [business!.id, ['Eva Smit', 'Thijs Koster', 'Bas Huisman']],
    [
      breakRoom!.id,
      [
        'Kees Vermeulen',
        'Yara Bos',
        'Mohamed Ait Said',
        'Julia Kok',
        'Bram Willems',
        'Sophie Meijer',
        'Sem van Leeuwen',
        'Mila Brouwer',
      ],
    ],
  ];
  await tx
    .insert(needSupports)
    .values(supporters.flatMap(([needId, names]) => names.map((name) => ({ orgId, needId, memberId: who(name) }))));

  type Seeded = {
    author: string;
    kind: 'improve' | 'new';
    title: string;
    needId: string | null;
    brief: [string, string, string, string];
    costCents: number | null;
    submitted: number;
    events: [kind: Proposal['status'], daysAgo: number, reason?: string][];
  };
  const seeded: Seeded[] = [
    {
      author: 'Sanne Visser',
      kind: 'new',
      title: 'Zelf inchecken met een QR-code op vrijdag',
      needId: checkIn!.id,
      brief: [
        'Gasten die vooraf betaald hebben, krijgen op vrijdag een QR-code en lopen door naar de kamer; de receptie heeft tijd voor wie vragen heeft.',
        'Geen rij meer voor wie alleen een sleutel komt halen.',
        'De receptie houdt tijd over voor persoonlijke aandacht.',
        'Gasten die de QR-code kwijt zijn; een storing in het systeem.',
      ],
      costCents: 480_000,
      submitted: 52,
      events: [['approved', 48.5, 'Doen: eerst drie maanden op vrijdag, dan kijken we naar de klantstem.']],
    },
    {
      author: 'Eva Smit',
      kind: 'improve',
      title: 'Groepsboekingen in één gedeelde agenda',
      needId: groups!.id,
      brief: [
        'Elke bevestigde groep komt direct in een agenda die huishouding en restaurant kunnen inzien.',
        'Groepen krijgen wat is afgesproken, ook als het druk is.',
        'Huishouding en keuken kunnen een week vooruit plannen.',
        'Verkoop moet de agenda wel bijhouden.',
      ],
      costCents: 0,
      submitted: 27,
      events: [['approved', 21, 'Goed en goedkoop: per direct.']],
    },
    {
      author: 'Thijs Koster',
      kind: 'new',
      title: 'Welkomstcadeau voor elke zakelijke gast',
      needId: business!.id,
      brief: [
        'Elke zakelijke gast krijgt bij aankomst een cadeaupakket.',
        'Een warm welkom.',
        'Meer werk bij het inchecken.',
        'Kosten lopen snel op.',
      ],
      costCents: 1_200_000,
      submitted: 20,
      events: [['declined', 14, 'Te duur voor wat het oplevert; liever iets persoonlijks via het mandaat.']],
    },
    {
      author: 'Sanne Visser',
      kind: 'new',
      title: 'Spaarprogramma voor vaste zakelijke gasten',
      needId: business!.id,
      brief: [
        'Na vijf overnachtingen een gratis nacht; bedrijven krijgen een overzicht per kwartaal.',
        'Vaste gasten voelen zich gezien en boeken vaker bij ons.',
        'Verkoop heeft een reden om bedrijven te bellen.',
        'Korting zonder extra boekingen; administratie.',
      ],
      costCents: 350_000,
      submitted: 9,
      events: [['more_asked', 6, 'Hoeveel extra overnachtingen verwacht je, en wat kost een gratis nacht ons echt?']],
    },
    {
      author: 'Sanne Visser',
      kind: 'new',
      title: 'Lunch-abonnement voor bedrijven in de buurt',
      needId: business!.id,
      brief: [
        'Bedrijven in de straat kopen een abonnement op de lunch in ons restaurant, met een vaste tafel.',
        'Nieuwe vaste gasten die ons leren kennen en hun bezoekers bij ons onderbrengen.',
        'Het restaurant is tussen de middag beter bezet.',
        'Drukte aan tafel tijdens groepsdiners; afspraken over no-shows.',
      ],
      costCents: 150_000,
      submitted: 5,
      events: [],
    },
    {
      author: 'Daan de Groot',
      kind: 'improve',
      title: 'Nieuwe verlichting in de lobby',
      needId: null,
      brief: [
        'Warmere lampen in de lobby.',
        'Een gezelliger eerste indruk.',
        'Prettiger werken aan de balie.',
        'Geen.',
      ],
      costCents: 600_000,
      submitted: 2,
      events: [],
    },
  ];
  for (const s of seeded) {
    const last = s.events.at(-1);
    const status = last ? last[0] : 'submitted';
    const final = status === 'approved' || status === 'declined';
    const [row] = await tx
      .insert(proposals)
      .values({
        orgId,
        kind: s.kind,
        title: s.title,
        needId: s.needId,
        proposal: s.brief[0],
        effectCustomers: s.brief[1],
        effectStaff: s.brief[2],
        risks: s.brief[3],
        costCents: s.costCents,
        authorId: who(s.author),
        status,
        submittedAt: ago(s.submitted),
        queuedAt: ago(s.submitted),
        decidedAt: final ? ago(last![1]) : null,
        decidedBy: final ? anna : null,
        decisionReason: last?.[2] ?? null,
        createdAt: ago(s.submitted),
        updatedAt: last ? ago(last[1]) : ago(s.submitted),
      })
      .returning();
    await tx.insert(proposalEvents).values([
      { orgId, proposalId: row!.id, kind: 'submitted', by: who(s.author), at: ago(s.submitted) },
      ...s.events.map(([kind, days, reason]) => ({
        orgId,
        proposalId: row!.id,
        kind,
        reason: reason ?? null,
        by: anna,
        at: ago(days),
      })),
    ]);
    if (status === 'submitted')
      await tx.insert(notifications).values({
        orgId,
        memberId: anna,
        kind: 'proposal_submitted',
        data: { proposalId: row!.id, title: s.title, flagged: s.needId === null },
      });
    if (status === 'more_asked')
      await tx.insert(notifications).values({
        orgId,
        memberId: sanne,
        kind: 'proposal_decided',
        data: { proposalId: row!.id, title: s.title, status },
      });
  }
}
