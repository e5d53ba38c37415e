import type { SQL, SQLWrapper } from 'drizzle-orm';
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

/** The conditions of a list's filter, with their values and the name of their shape (selectSummaries). */
function filterConditions(
  tenant: TenantContext,
  query: Filter,
): Pick<lists.SummaryQuery, 'variant' | 'where' | 'values'> {
  const parts: [string, lists.SummaryQuery['where']][] = [];
  const values: Record<string, unknown> = {};
  const add = (name: string, where: (key: (name: string) => SQLWrapper) => SQL) =>
    parts.push([name, ($) => [where($)]]);
  if (query.scope === 'mine') {
    values.memberId = tenant.memberId;
    add('mine', ($) => lists.madeBy($('memberId')));
  }
  if (query.scope === 'all' && !steering(tenant)) throw forbidden();
  if (query.scope === 'team') {
    if (query.teamId && !inTeam(tenant, query.teamId) && !steering(tenant)) throw forbidden();
    values.scopeTeamIds = query.teamId ? [query.teamId] : tenant.teamIds;
    add('team', ($) => lists.concernsTeams($('scopeTeamIds')));
  }
  if (!steering(tenant)) {
    values.memberId = tenant.memberId;
    values.teamIds = tenant.teamIds;
    add('visible', ($) => lists.visibleTo($('memberId'), $('teamIds')));
  }
  if (query.q) {
    values.like = lists.mentionPattern(query.q);
    add('q', ($) => lists.mentions($('like')));
  }
  if (query.flagged !== undefined) {
    const yes = query.flagged;
    add(yes ? 'flagged' : 'unflagged', () => lists.flagged(yes));
  }
  if (query.handoffFrom || query.handoffTo) {
    // The promises behind one arrow of the chain: from/to then bound the hand-off's day, as in the chain.
    const arrow = { from: query.handoffFrom, to: query.handoffTo, fromDay: query.from, toDay: query.to };
    Object.assign(values, { handoffFrom: arrow.from, handoffTo: arrow.to, from: arrow.fromDay, to: arrow.toDay });
    const given = (key: keyof typeof arrow) => (arrow[key] ? key : '');
    add(`handoff-${given('from')}-${given('to')}-${given('fromDay')}-${given('toDay')}`, ($) =>
      lists.handedOff({
        from: arrow.from && $('handoffFrom'),
        to: arrow.to && $('handoffTo'),
        fromDay: arrow.fromDay && $('from'),
        toDay: arrow.toDay && $('to'),
      }),
    );
  } else {
    if (query.from) {
      values.from = query.from;
      add('from', ($) => lists.dueFrom($('from')));
    }
    if (query.to) {
      values.to = query.to;
      add('to', ($) => lists.dueUntil($('to')));
    }
  }
  return {
    variant: parts.map(([name]) => name).join(','),
    where: ($) => parts.flatMap(([, where]) => where($)),
    values,
  };
}

export async function listPromises(
  db: Db,
  tenant: TenantContext,
  query: Filter & { limit: number; cursor?: string },
): Promise<PromisePage> {
  const today = localDay(tenant.timeZone);
  const order = query.status && ACTIVE.has(query.status) ? 'asc' : 'desc';
  const rows = await lists.selectSummaries(db, tenant.orgId, today, {
    ...filterConditions(tenant, query),
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
