/**
 * The SQL of the organisation's own questions in the bank. Tables and columns are named through the
 * schema objects, so renaming one fails to compile. The bank itself (the standard questions beside these)
 * is bank.service.ts's; this file only reads and writes rows.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { orgQuestions } from '../../db/schema/questions.schema';

/** The organisation's own questions that are not archived, oldest first. */
export async function selectOwnQuestions(db: Tx, orgId: string) {
  return db
    .select()
    .from(orgQuestions)
    .where(and(eq(orgQuestions.orgId, orgId), sql`${orgQuestions.archivedAt} is null`))
    .orderBy(asc(orgQuestions.createdAt));
}

/** Adds one of the organisation's own questions; returns its row. */
export async function insertOwnQuestion(tx: Tx, values: typeof orgQuestions.$inferInsert) {
  const [row] = await tx.insert(orgQuestions).values(values).returning();
  return row!;
}

/** Archives one of the organisation's own questions; false when there is no such question not yet archived. */
export async function archiveOwnQuestionRow(db: Tx, orgId: string, questionId: string) {
  const rows = await db
    .update(orgQuestions)
    .set({ archivedAt: new Date() })
    .where(and(eq(orgQuestions.orgId, orgId), eq(orgQuestions.id, questionId), sql`${orgQuestions.archivedAt} is null`))
    .returning({ id: orgQuestions.id });
  return rows.length > 0;
}
