import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Language } from '../../../contracts/constants';
import type { PromisePage, promisesFilter } from '../../../contracts/promises.contract';
import type { Db } from '../../db/client';
import { forbidden } from '../../lib/app-error';
import { toCsv } from '../../lib/csv';
import { localDay } from '../../lib/days';
import { translate } from '../../lib/i18n';
import type { TenantContext } from '../../lib/request-context';
import * as org from '../org/org.service';
import { dayCursor, dayOfCursor, inTeam, steering, summaryDto } from './promise-view';
import * as repo from './promises.repo';

// The lists of promises: mine, my teams', all of them; and the same as CSV.

type Filter = z.output<z.ZodObject<typeof promisesFilter>>;

const ACTIVE = new Set(['open', 'in_progress', 'at_risk', 'renegotiated', 'active']);

function filterConditions(tenant: TenantContext, query: Filter): SQL[] {
  const where: SQL[] = [];
  if (query.scope === 'mine') where.push(sql`p.made_by = ${tenant.memberId}`);
  if (query.scope === 'all' && !steering(tenant)) throw forbidden();
  if (query.scope === 'team') {
    if (query.teamId && !inTeam(tenant, query.teamId) && !steering(tenant)) throw forbidden();
    const teams = query.teamId ? [query.teamId] : tenant.teamIds;
    where.push(sql`(p.owner_team_id = any(${sql.param(teams)}::uuid[]) or p.maker_team_id = any(${sql.param(teams)}::uuid[])
      or exists (select 1 from promise_steps s where s.org_id = p.org_id and s.promise_id = p.id and s.team_id = any(${sql.param(teams)}::uuid[])))`);
  }
  if (!steering(tenant)) where.push(repo.visibleTo(tenant.memberId, tenant.teamIds));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      sql`(p.what ilike ${like} or exists (select 1 from customers c2 where c2.org_id = p.org_id and c2.id = p.customer_id and c2.name ilike ${like}))`,
    );
  }
  if (query.flagged !== undefined)
    where.push(query.flagged ? sql`jsonb_array_length(p.breaches) > 0` : sql`jsonb_array_length(p.breaches) = 0`);
  if (query.handoffFrom || query.handoffTo) {
    // The promises behind one arrow of the chain: from/to then bound the hand-off's day, as in the chain.
    where.push(sql`exists (select 1 from promise_steps s where s.org_id = p.org_id and s.promise_id = p.id and s.kind = 'handoff'
      ${query.handoffFrom ? sql`and s.team_id = ${query.handoffFrom}` : sql``}
      ${query.handoffTo ? sql`and s.receiver_team_id = ${query.handoffTo}` : sql``}
      ${query.from ? sql`and coalesce(s.done_on, s.due_date) >= ${query.from}::date` : sql``}
      ${query.to ? sql`and coalesce(s.done_on, s.due_date) <= ${query.to}::date` : sql``})`);
  } else {
    if (query.from) where.push(sql`p.due_date >= ${query.from}::date`);
    if (query.to) where.push(sql`p.due_date <= ${query.to}::date`);
  }
  return where;
}

export async function listPromises(
  db: Db,
  tenant: TenantContext,
  query: Filter & { limit: number; cursor?: string },
): Promise<PromisePage> {
  const today = localDay(tenant.timeZone);
  const order = query.status && ACTIVE.has(query.status) ? 'asc' : 'desc';
  const rows = await repo.selectSummaries(db, tenant.orgId, today, {
    where: filterConditions(tenant, query),
    status: query.status,
    order,
    after: dayOfCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(summaryDto),
    nextCursor: rows.length > query.limit && last ? dayCursor(last.due_date, last.id) : null,
  };
}

export const CSV_MAX_ROWS = 10_000;

export async function exportPromisesCsv(
  db: Db,
  tenant: TenantContext,
  query: Filter,
  language: Language,
): Promise<string> {
  const { items } = await listPromises(db, tenant, { ...query, limit: CSV_MAX_ROWS });
  // As with the extras' file: who made each promise is a per-member column once sorted, so a file of
  // other people's promises names them only while per-member figures are on (the works council agreed).
  const withMaker = query.scope === 'mine' || (await org.isMemberComparisonOn(db, tenant.orgId));
  const t = (key: string) => translate(language, key);
  const header = [
    'customer',
    'what',
    'dueDate',
    'offering',
    'ownerTeam',
    ...(withMaker ? ['madeBy'] : []),
    'status',
    'stepsDone',
    'renegotiations',
    'deliveredOn',
    'flagged',
  ].map((k) => t(`csv.promises.${k}`));
  return toCsv(
    language,
    header,
    items.map((p) => [
      p.customer.name,
      p.what,
      p.dueDate,
      p.offering?.name ?? '',
      p.ownerTeam.name,
      ...(withMaker ? [p.madeBy.name] : []),
      t(`csv.promiseStatus.${p.status}`),
      `${p.stepsDone}/${p.stepsTotal}`,
      p.renegotiations,
      p.deliveredOn,
      p.breaches.length ? t('csv.yes') : '',
    ]),
  );
}
