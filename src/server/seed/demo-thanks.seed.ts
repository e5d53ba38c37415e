import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { colleagueThanks } from '../db/schema/thanks.schema';
import { coreValues } from '../db/schema/values.schema';

// The demo's thanks between colleagues and teams: mostly from a team to the team that served it in a
// promise's chain (so the chain's thanks column has something to show), and a few from one colleague to
// another.

const DAY = 86_400_000;
const ago = (days: number, hours = 0) => new Date(Date.now() - days * DAY - hours * 3600_000);

interface DemoThanks {
  from: string;
  /** The thanker's team the thanks come from (the app takes their first team). */
  fromTeam?: string;
  toTeam?: string;
  toPerson?: string;
  words: string;
  value?: string;
  daysAgo: number;
}

const THANKS: DemoThanks[] = [
  {
    from: 'Pieter Jansen',
    fromTeam: 'Receptie',
    toTeam: 'Verkoop',
    words: 'De kamerlijst voor de groep van vrijdag was er twee dagen eerder dan afgesproken. Alles lag klaar.',
    value: 'Eerlijk',
    daysAgo: 2,
  },
  {
    from: 'Lisa Mulder',
    fromTeam: 'Receptie',
    toTeam: 'Verkoop',
    words: 'Dank voor het doorgeven van de dieetwensen: de gasten merkten het meteen.',
    daysAgo: 16,
  },
  {
    from: 'Lars de Boer',
    fromTeam: 'Restaurant',
    toTeam: 'Huishouding',
    words: 'De zaal stond om half acht al perfect, met de techniek getest. Wij konden meteen beginnen.',
    value: 'Gastvrij',
    daysAgo: 5,
  },
  {
    from: 'Eva Smit',
    fromTeam: 'Verkoop',
    toTeam: 'Huishouding',
    words: 'Alle kamers van de groep op één verdieping en op tijd klaar, ondanks de late bevestiging.',
    daysAgo: 9,
  },
  {
    from: 'Noor Hendriks',
    fromTeam: 'Receptie',
    toPerson: 'Lisa Mulder',
    words: 'Je nam mijn late dienst over toen mijn zoon ziek was. Dankjewel!',
    daysAgo: 1,
  },
  {
    from: 'Yara Bos',
    fromTeam: 'Huishouding',
    toPerson: 'Kees Vermeulen',
    words: 'Bedankt voor je hulp met de extra bedden op de derde verdieping.',
    daysAgo: 7,
  },
];

export async function seedDemoThanks(
  tx: Tx,
  orgId: string,
  teamIdByName: Map<string, string>,
  memberIdByName: Map<string, string>,
) {
  const valueRows = await tx
    .select({ id: coreValues.id, name: coreValues.name })
    .from(coreValues)
    .where(eq(coreValues.orgId, orgId));
  const valueId = new Map(valueRows.map((v) => [v.name, v.id]));
  await tx.insert(colleagueThanks).values(
    THANKS.map((t) => ({
      orgId,
      fromMemberId: memberIdByName.get(t.from)!,
      fromTeamId: t.fromTeam ? teamIdByName.get(t.fromTeam)! : null,
      toMemberId: t.toPerson ? memberIdByName.get(t.toPerson)! : null,
      toTeamId: t.toTeam ? teamIdByName.get(t.toTeam)! : null,
      words: t.words,
      valueId: t.value ? valueId.get(t.value)! : null,
      createdAt: ago(t.daysAgo, 3),
    })),
  );
}
