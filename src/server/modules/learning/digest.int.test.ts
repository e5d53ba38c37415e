import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { startSmtpSink } from '../../../../test/helpers/smtp-sink';
import { createTestDatabase } from '../../../../test/helpers/test-app';
import { type Database, openDatabase } from '../../db/client';
import { createMailer } from '../../lib/mailer';
import { sendDueDigests } from './digest.service';
import { selectDueWeeks } from './learning.repo';

// The weekly digest goes out once per person and week, whatever the number of processes sending and
// however often they restart; checked against a real SMTP server.

let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

let url: string;
let drop: () => Promise<void>;
const databases: Database[] = [];
let f: OrgFixture;
let now: Date;
const silent = pino({ level: 'silent' });

function newProcess(): Database {
  const database = openDatabase(url, { max: 3 });
  databases.push(database);
  return database;
}
const deps = (database: Database) => ({
  db: database.db,
  mailer: createMailer({ smtpUrl: smtp.url, from: 'Klantwerk <noreply@kw.example>', log: silent }),
  appUrl: 'https://klantwerk.example',
  log: silent,
});
/** The mails to one address, each as its subject and text together (what a person reads). */
const mailsTo = (email: string) => smtp.mailsTo(email).map((m) => ({ ...m, text: `${m.subject}\n${m.text}` }));

beforeAll(async () => {
  smtp = await startSmtpSink();

  ({ url, drop } = await createTestDatabase());
  const setup = newProcess();
  f = await createOrgFixture(setup.db, 'digest');
  // A moment a week from now: the week before it is due, and everyone in the fixture joined before it ended.
  now = new Date(Date.now() + 8 * 86_400_000);
  const [week] = await selectDueWeeks(setup.db, now);
  const inWeek = new Date(week!.start.getTime() + 30 * 3_600_000).toISOString();
  const { rows } = await setup.pool.query(
    `insert into extras (org_id, member_id, team_ids, occurred_at, occasion, action, kind, cost_cents, minutes, value_ids, reaction_score, created_at)
     values ($1, $2, $3, $4, 'Gast vierde haar pensioen', 'Bloemen op de kamer', 'gift', 500, 10, '{}', 5, $4) returning id`,
    [f.orgId, f.people.member.memberId, [f.teamId], inWeek],
  );
  await setup.pool.query(`insert into extra_thanks (org_id, extra_id, member_id, created_at) values ($1, $2, $3, $4)`, [
    f.orgId,
    rows[0].id,
    f.people.manager.memberId,
    inWeek,
  ]);
  // A colleague of the other team thanks the member, and the member's team.
  await setup.pool.query(
    `insert into colleague_thanks (org_id, from_member_id, from_team_id, to_member_id, to_team_id, words, created_at)
     values ($1, $2, $3, $4, null, 'Dank voor het overnemen van mijn dienst', $6),
            ($1, $2, $3, null, $5, 'De zaal stond op tijd klaar', $6)`,
    [f.orgId, f.outsider.memberId, f.otherTeamId, f.people.member.memberId, f.teamId, inWeek],
  );
  await setup.pool.query(`update members set digest_opt_out = true where id = $1`, [f.people.advisor.memberId]);
  await setup.pool.query(`update auth_user set language = 'en' where id = $1`, [f.people.director.userId]);
});

afterAll(async () => {
  for (const database of databases) await database.close();
  await drop?.();
  await smtp.close();
});

describe('the weekly digest', () => {
  it('sends exactly one mail per person for the week, with two processes at once and after a restart', async () => {
    smtp.refuseOnce.add(f.outsider.email);
    const [first, second] = await Promise.all([
      sendDueDigests(deps(newProcess()), now),
      sendDueDigests(deps(newProcess()), now),
    ]);
    // A restart: a new process with a fresh connection pool runs the job again.
    const restarted = await sendDueDigests(deps(newProcess()), now);

    const wanting = [f.people.member, f.people.manager, f.people.director, f.people.admin].map((p) => p.email);
    for (const email of wanting) expect(mailsTo(email), email).toHaveLength(1);
    expect(mailsTo(f.people.advisor.email)).toHaveLength(0);
    expect(mailsTo(f.outsider.email)).toHaveLength(0);
    expect(first.sent + second.sent + restarted.sent).toBe(4);
    expect(first.failed + second.failed).toBe(1);
    expect(restarted).toEqual({ sent: 0, failed: 0 });

    // The refused one is tried again once its last try is old enough, and then only once.
    await databases[0]!.pool.query(
      `update digest_deliveries set claimed_at = claimed_at - interval '11 minutes' where status = 'failed'`,
    );
    const retried = await Promise.all([
      sendDueDigests(deps(newProcess()), now),
      sendDueDigests(deps(newProcess()), now),
    ]);
    expect(retried.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(mailsTo(f.outsider.email)).toHaveLength(1);
    expect(smtp.received).toHaveLength(5);

    // Next week's run sends next week's digests, not this week's again.
    await sendDueDigests(deps(newProcess()), new Date(now.getTime() + 7 * 86_400_000));
    expect(mailsTo(f.people.member.email)).toHaveLength(2);
  });

  it("tells the member their extras and thanks, colleagues' thanks to them and their team, the manager the team's week, each in their language", () => {
    const member = mailsTo(f.people.member.email)[0]!.text;
    expect(member).toContain('Je week bij Org digest');
    expect(member).toContain('Gast vierde haar pensioen');
    expect(member).toContain('1 keer');
    expect(member).toContain('https://klantwerk.example/profile');
    const manager = mailsTo(f.people.manager.email)[0]!.text;
    expect(manager).toContain('De week van Team digest');
    expect(manager).toContain('1 van de 1 teamleden');
    const outsider = `${f.outsider.name} (Other digest)`;
    expect(member).toContain("Bedankjes van collega's\n");
    expect(member).toContain(`- ${outsider}: “Dank voor het overnemen van mijn dienst”`);
    expect(member).toContain(`- ${outsider} aan Team digest: “De zaal stond op tijd klaar”`);
    expect(manager).toContain(`- ${outsider} aan Team digest: “De zaal stond op tijd klaar”`);
    expect(manager).not.toContain('Dank voor het overnemen');
    const director = mailsTo(f.people.director.email)[0]!.text;
    expect(director).toContain('Your week at Org digest');
  });
});
