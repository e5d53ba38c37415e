import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { AppError } from './app-error';

// Days on the organisation's clock, as ISO dates ("2026-12-01"): what a customer is promised, what a
// period runs over. Text compares in date order.

// Making a formatter costs far more than using one (a request's CPU showed it): one per time zone.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The day it is now (or at `at`) in this time zone. */
export function localDay(timeZone: string, at: Date = new Date()): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', { timeZone });
    if (dayFormats.size < 1000) dayFormats.set(timeZone, format);
  }
  return format.format(at);
}

/** The day `days` after (or before, when negative) `day`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Monday of the week a day falls in (weeks run Monday to Sunday). */
export function weekOf(day: string): string {
  const weekday = (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** Whole days from one day to another (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * A period of days from a query: up to today (local) and `defaultDays` long when left open; a 400
 * when `from` comes after `to` or the period is longer than `maxDays`.
 */
export function resolvePeriod(
  query: { from?: string; to?: string },
  timeZone: string,
  defaultDays: number,
  maxDays: number,
) {
  const to = query.to ?? localDay(timeZone);
  const from = query.from ?? addDays(to, -(defaultDays - 1));
  const days = daysBetween(from, to) + 1;
  if (days < 1 || days > maxDays) {
    throw new AppError('validation_failed', 400, {
      errors: [
        {
          path: 'querystring.from',
          code: 'out_of_range',
          message: `from must come before to, at most ${maxDays} days apart`,
        },
      ],
    });
  }
  return { from, to, days };
}

/** The moment a local calendar day (plus some days) starts in the time zone, as the database reckons it. */
export async function selectLocalDayStart(tx: Tx, timeZone: string, date: string, plusDays: number): Promise<Date> {
  const { rows } = await tx.execute<{ start: string }>(
    sql`select ((${date}::date + ${plusDays}::int)::timestamp at time zone ${timeZone}) as start`,
  );
  return new Date(rows[0]!.start);
}
