/** Lists of extras as the caller may see them, the same list as CSV, and suggestions for the log form. */

import type { ExtraKind, FigureView, Language } from '../../../contracts/constants';
import type { Db, Tx } from '../../db/client';
import { forbidden } from '../../lib/app-error';
import { toCsv } from '../../lib/csv';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { selectLocalDayStart } from '../../lib/days';
import { translate } from '../../lib/i18n';
import type { TenantContext } from '../../lib/request-context';
import * as org from '../org/org.service';
import { openMemberFigures } from '../privacy/figure-views.service';
import * as repo from './extras.repo';
import { listedExtra } from './extras.service';

export interface ListQuery {
  scope: 'mine' | 'team' | 'all';
  from?: string;
  to?: string;
  valueId?: string;
  kind?: ExtraKind;
  teamId?: string;
  memberId?: string;
  limit: number;
  cursor?: string;
}

/**
 * Turns a list query into a filter the caller is allowed to see: own extras, managed teams, or all
 * (directors). Narrowing a team's or the organisation's list to one colleague is a per-member view: it
 * passes the works council's gate and is recorded for that colleague (a list's further pages are not
 * recorded again).
 */
async function filterFor(db: Tx, tenant: TenantContext, query: ListQuery, view: FigureView): Promise<repo.ExtraFilter> {
  const dayStart = (date: string, plusDays: number) => selectLocalDayStart(db, tenant.timeZone, date, plusDays);
  const filter: repo.ExtraFilter = {
    ...(query.from ? { from: await dayStart(query.from, 0) } : {}),
    ...(query.to ? { to: await dayStart(query.to, 1) } : {}),
    ...(query.valueId ? { valueId: query.valueId } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
  };
  if (query.scope === 'mine') return { ...filter, memberId: tenant.memberId };
  if (query.scope === 'team') {
    const managed = tenant.managedTeamIds;
    if (managed.length === 0) throw forbidden();
    if (query.teamId && !managed.includes(query.teamId)) throw forbidden();
    if (query.memberId) await openMemberFigures(db, tenant, view, query.memberId, { record: !query.cursor });
    return {
      ...filter,
      anyTeamIds: query.teamId ? [query.teamId] : managed,
      ...(query.memberId ? { memberId: query.memberId } : {}),
    };
  }
  if (!tenant.roles.includes('director')) throw forbidden();
  if (query.memberId) await openMemberFigures(db, tenant, view, query.memberId, { record: !query.cursor });
  return {
    ...filter,
    ...(query.teamId ? { anyTeamIds: [query.teamId] } : {}),
    ...(query.memberId ? { memberId: query.memberId } : {}),
  };
}

export async function listExtras(db: Db, tenant: TenantContext, query: ListQuery) {
  const filter = await filterFor(db, tenant, query, 'extras_list');
  const after = decodeCursor(query.cursor);
  const rows = await repo.selectExtras(
    db,
    tenant.orgId,
    { ...filter, ...(after ? { after: { occurredAt: after.at, id: after.id } } : {}) },
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(listedExtra),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.cursorAt, last.id) : null,
  };
}

export const CSV_MAX_ROWS = 10_000;

/** What a list shows, as CSV for a spreadsheet in the person's language (Dutch: ; and decimal comma). */
export async function exportExtrasCsv(
  db: Db,
  tenant: TenantContext,
  query: ListQuery,
  language: Language,
  /** Where the rows are read (the read replica, db/reads.ts); who looked at whose figures is written to `db`. */
  read: Db = db,
): Promise<string> {
  const filter = await filterFor(db, tenant, query, 'extras_csv');
  // A file of other people's extras with a column of who logged each is a per-member export once it is
  // sorted: while per-member figures are off (no works council consent), the file leaves that column out.
  // The list on screen still shows each story with its author, as the team feed does.
  const withMember = query.scope === 'mine' || (await org.isMemberComparisonOn(db, tenant.orgId));
  const rows = await repo.selectExtras(read, tenant.orgId, filter, CSV_MAX_ROWS);
  const extrasList = rows.map(listedExtra);
  const teamNames = await org.findTeamNames(
    read,
    tenant.orgId,
    rows.flatMap((r) => r.teamIds),
  );
  const timeZone = tenant.timeZone;
  const money = (cents: number) => (cents / 100).toFixed(2).replace('.', language === 'nl' ? ',' : '.');
  const date = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  });
  const header = [
    'date',
    ...(withMember ? ['member'] : []),
    'teams',
    'occasion',
    'action',
    'kind',
    'cost',
    'minutes',
    'customer',
    'reaction',
    'score',
    'aboveMandate',
    'reason',
  ].map((key) => translate(language, `csv.extras.${key}`));
  return toCsv(
    language,
    header,
    extrasList.map((e) => [
      date.format(new Date(e.occurredAt)),
      ...(withMember ? [e.member.name] : []),
      e.teamIds.map((id) => teamNames.get(id) ?? '').join(', '),
      e.occasion,
      e.action,
      translate(language, `csv.kinds.${e.kind}`),
      money(e.costCents),
      e.minutes,
      e.customerRef,
      e.reactionText,
      e.reactionScore,
      e.aboveMandate ? translate(language, 'csv.yes') : '',
      e.aboveMandateReason,
    ]),
  );
}

export async function suggestForMember(db: Db, tenant: TenantContext) {
  const rows = await repo.selectRecentTexts(db, tenant.orgId, tenant.memberId, tenant.teamIds, 100);
  const distinct = (values: string[]) => [...new Set(values)].slice(0, 8);
  return { occasions: distinct(rows.map((r) => r.occasion)), actions: distinct(rows.map((r) => r.action)) };
}
