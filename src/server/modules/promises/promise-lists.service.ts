import type { SQL } from 'drizzle-orm';
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
import * as lists from './promise-lists.repo';
import { dayCursor, dayOfCursor, inTeam, steering, summaryDto } from './promise-view';

// The lists of promises: mine, my teams', all of them; and the same as CSV.

type Filter = z.output<z.ZodObject<typeof promisesFilter>>;

const ACTIVE = new Set(['open', 'in_progress', 'at_risk', 'renegotiated', 'active']);

function filterConditions(tenant: TenantContext, query: Filter): SQL[] {
  const where: SQL[] = [];
  if (query.scope === 'mine') where.push(lists.madeBy(tenant.memberId));
  if (query.scope === 'all' && !steering(tenant)) throw forbidden();
  if (query.scope === 'team') {
    if (query.teamId && !inTeam(tenant, query.teamId) && !steering(tenant)) throw forbidden();
    where.push(lists.concernsTeams(query.teamId ? [query.teamId] : tenant.teamIds));
  }
  if (!steering(tenant)) where.push(lists.visibleTo(tenant.memberId, tenant.teamIds));
  if (query.q) where.push(lists.mentions(query.q));
  if (query.flagged !== undefined) where.push(lists.flagged(query.flagged));
  if (query.handoffFrom || query.handoffTo) {
    // The promises behind one arrow of the chain: from/to then bound the hand-off's day, as in the chain.
    where.push(lists.handedOff({ from: query.handoffFrom, to: query.handoffTo, fromDay: query.from, toDay: query.to }));
  } else {
    if (query.from) where.push(lists.dueFrom(query.from));
    if (query.to) where.push(lists.dueUntil(query.to));
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
  const rows = await lists.selectSummaries(db, tenant.orgId, today, {
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
