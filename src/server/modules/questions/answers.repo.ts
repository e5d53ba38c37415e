/**
 * The SQL of ballots and answers: saving them while a round is open, counting them per atom and writing
 * them anew when it closes. Tables and columns are named through the schema objects, so renaming one
 * fails to compile. Anonymity is the services' (see questions.schema.ts, ballots.ts, closing.service.ts);
 * this file only reads and writes rows.
 */
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { integer, pgTable, uuid } from 'drizzle-orm/pg-core';
import { bareColumn, type Tx } from '../../db/client';
import { campaignAnswers, campaignBallots, mirrorAnswers } from '../../db/schema/questions.schema';

/**
 * Temporary tables of one transaction at the close (made and dropped below; no migration knows them):
 * each ballot's atom, and each ballot's new id. Declared as tables so the SQL names their columns.
 */
const atomTable = pgTable('ballot_atoms', { ballotId: uuid().primaryKey(), atom: integer().notNull() });
const remapTable = pgTable('ballot_remap', { oldId: uuid(), newId: uuid() });

/** The ballot (campaign_ballots in the query) holds at least one answer. */
const ballotHasAnswers = sql`exists (select 1 from ${campaignAnswers} where ${campaignAnswers.orgId} = ${campaignBallots.orgId} and ${campaignAnswers.campaignId} = ${campaignBallots.campaignId} and ${campaignAnswers.ballotId} = ${campaignBallots.id})`;

// ---------- while open ----------

/** The ballot with this key, if it holds an answer. */
export async function selectAnsweredBallotId(db: Tx, orgId: string, campaignId: string, ballotKey: string) {
  const b = campaignBallots;
  const { rows } = await db.execute<{ id: string }>(sql`
    select ${b.id} from ${b}
     where ${b.orgId} = ${orgId} and ${b.campaignId} = ${campaignId} and ${b.ballotKey} = ${ballotKey}
       and ${ballotHasAnswers}`);
  return rows[0]?.id;
}

/** The answers on one ballot. */
const answersOf = (orgId: string, campaignId: string, ballotId: string) =>
  and(
    eq(campaignAnswers.orgId, orgId),
    eq(campaignAnswers.campaignId, campaignId),
    eq(campaignAnswers.ballotId, ballotId),
  );

/** A ballot's answers (the member's own, shown to them while the round is open). */
export async function selectBallotAnswers(db: Tx, orgId: string, campaignId: string, ballotId: string) {
  return db
    .select({ questionId: campaignAnswers.questionId, value: campaignAnswers.value, text: campaignAnswers.text })
    .from(campaignAnswers)
    .where(answersOf(orgId, campaignId, ballotId));
}

/** The ballots of a campaign that hold an answer, with their keys (null once closed). */
export async function selectAnsweredBallots(db: Tx, orgId: string, campaignId: string) {
  const b = campaignBallots;
  const { rows } = await db.execute<{ id: string; ballot_key: string | null }>(sql`
    select ${b.id}, ${b.ballotKey} from ${b}
     where ${b.orgId} = ${orgId} and ${b.campaignId} = ${campaignId}
       and ${ballotHasAnswers}`);
  return rows;
}

/**
 * Replaces the answers on the ballot with this key (made when missing; its row lock makes two saves by
 * the same member follow each other). With no answers, the ballot goes too.
 */
export async function replaceBallotAnswers(
  tx: Tx,
  orgId: string,
  campaignId: string,
  ballotKey: string,
  values: { questionId: string; value: number | null; text: string | null }[],
) {
  const [ballot] = await tx
    .insert(campaignBallots)
    .values({ orgId, campaignId, ballotKey })
    .onConflictDoUpdate({
      target: [campaignBallots.orgId, campaignBallots.campaignId, campaignBallots.ballotKey],
      set: { ballotKey },
    })
    .returning({ id: campaignBallots.id });
  const ballotId = ballot!.id;
  await tx.delete(campaignAnswers).where(answersOf(orgId, campaignId, ballotId));
  if (values.length === 0) {
    await tx
      .delete(campaignBallots)
      .where(
        and(
          eq(campaignBallots.orgId, orgId),
          eq(campaignBallots.campaignId, campaignId),
          eq(campaignBallots.id, ballotId),
        ),
      );
    return;
  }
  await tx.insert(campaignAnswers).values(values.map((v) => ({ orgId, campaignId, ballotId, ...v })));
}

// ---------- the mirror (a manager's own self-view answers) ----------

/** A manager's own answers to the mirror's self-view questions of a campaign. */
export async function selectOwnMirrorAnswers(db: Tx, orgId: string, campaignId: string, memberId: string) {
  const m = mirrorAnswers;
  const { rows } = await db.execute<{ question_id: string; value: number }>(sql`
    select ${m.questionId}, ${m.value} from ${m}
     where ${m.orgId} = ${orgId} and ${m.campaignId} = ${campaignId} and ${m.memberId} = ${memberId}`);
  return rows;
}

/**
 * Replaces a manager's own self-view answers of a campaign: the questions left out go, the others are
 * written over. The same save sent twice at once (a double tap) is two saves, not a conflict.
 */
export async function replaceMirrorAnswers(
  tx: Tx,
  orgId: string,
  campaignId: string,
  memberId: string,
  values: { questionId: string; value: number }[],
) {
  await tx.delete(mirrorAnswers).where(
    and(
      eq(mirrorAnswers.orgId, orgId),
      eq(mirrorAnswers.campaignId, campaignId),
      eq(mirrorAnswers.memberId, memberId),
      values.length > 0
        ? notInArray(
            mirrorAnswers.questionId,
            values.map((v) => v.questionId),
          )
        : undefined,
    ),
  );
  if (values.length > 0)
    await tx
      .insert(mirrorAnswers)
      .values(values.map((v) => ({ orgId, campaignId, memberId, ...v })))
      .onConflictDoUpdate({
        target: [mirrorAnswers.orgId, mirrorAnswers.campaignId, mirrorAnswers.memberId, mirrorAnswers.questionId],
        set: { value: sql`excluded.value` },
      });
}

/** Erasure: a member's self-view answers in every campaign. */
export async function deleteMirrorAnswersOf(tx: Tx, orgId: string, memberId: string) {
  await tx.delete(mirrorAnswers).where(and(eq(mirrorAnswers.orgId, orgId), eq(mirrorAnswers.memberId, memberId)));
}

// ---------- at the close ----------

/**
 * The answers of a campaign counted per atom: each ballot's atom is handed in, and the database counts
 * the scores per question, atom and value, and lists the texts per question and atom. The atoms live
 * in a temporary table for these two reads only.
 */
export async function tallyAnswersByAtom(tx: Tx, orgId: string, campaignId: string, ballotAtoms: Map<string, number>) {
  const t = atomTable;
  await tx.execute(
    sql`create temporary table ${t} (${bareColumn(t.ballotId)} uuid primary key, ${bareColumn(t.atom)} int not null) on commit drop`,
  );
  const ballotIds = [...ballotAtoms.keys()];
  if (ballotIds.length > 0) {
    await tx.execute(sql`
      insert into ${t} select * from unnest(${sql.param(ballotIds)}::uuid[], ${sql.param([...ballotAtoms.values()])}::int[])`);
  }
  await tx.execute(sql`analyze ${t}`);
  const a = campaignAnswers;
  const { rows: tallies } = await tx.execute<{ question_id: string; atom: number; value: number; n: number }>(sql`
    select ${a.questionId}, ${t.atom}, ${a.value}, count(*)::int as n
      from ${a} join ${t} on ${t.ballotId} = ${a.ballotId}
     where ${a.orgId} = ${orgId} and ${a.campaignId} = ${campaignId} and ${a.value} is not null
     group by 1, 2, 3`);
  const { rows: texts } = await tx.execute<{ question_id: string; atom: number; text: string }>(sql`
    select ${a.questionId}, ${t.atom}, ${a.text}
      from ${a} join ${t} on ${t.ballotId} = ${a.ballotId}
     where ${a.orgId} = ${orgId} and ${a.campaignId} = ${campaignId} and ${a.text} is not null`);
  await tx.execute(sql`drop table ${t}`);
  return { tallies, texts };
}

/**
 * Writes every ballot and answer of a campaign anew under a new random id, in a random order, without
 * its key, and deletes the old ones (their answers go with them: the foreign key cascades).
 */
export async function rewriteBallots(tx: Tx, orgId: string, campaignId: string) {
  const b = campaignBallots;
  const a = campaignAnswers;
  const m = remapTable;
  await tx.execute(sql`
    create temporary table ${m} on commit drop as
    select ${b.id} as ${bareColumn(m.oldId)}, gen_random_uuid() as ${bareColumn(m.newId)} from ${b} where ${b.orgId} = ${orgId} and ${b.campaignId} = ${campaignId}`);
  await tx.execute(sql`
    insert into ${b} (${bareColumn(b.orgId)}, ${bareColumn(b.campaignId)}, ${bareColumn(b.id)}, ${bareColumn(b.ballotKey)})
    select ${orgId}, ${campaignId}, ${m.newId}, null from ${m} order by random()`);
  await tx.execute(sql`
    insert into ${a} (${bareColumn(a.orgId)}, ${bareColumn(a.campaignId)}, ${bareColumn(a.ballotId)}, ${bareColumn(a.questionId)}, ${bareColumn(a.value)}, ${bareColumn(a.text)})
    select ${a.orgId}, ${a.campaignId}, ${m.newId}, ${a.questionId}, ${a.value}, ${a.text}
      from ${a} join ${m} on ${m.oldId} = ${a.ballotId}
     where ${a.orgId} = ${orgId} and ${a.campaignId} = ${campaignId}
     order by random()`);
  await tx.execute(sql`
    delete from ${b} using ${m} where ${b.orgId} = ${orgId} and ${b.campaignId} = ${campaignId} and ${b.id} = ${m.oldId}`);
  await tx.execute(sql`drop table ${m}`);
}
