// Quarters as the API writes them: "2026-Q4".

export interface QuarterParts {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

export function parseQuarter(value: string): QuarterParts | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(value);
  if (!match) return null;
  return { year: Number(match[1]), quarter: Number(match[2]) as QuarterParts['quarter'] };
}

/** The quarter a day ("2026-11-22") falls in. */
export function quarterOfDay(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The quarter before; the value itself when it is not a quarter. */
export function previousQuarter(value: string): string {
  const parts = parseQuarter(value);
  if (!parts) return value;
  return parts.quarter === 1 ? `${parts.year - 1}-Q4` : `${parts.year}-Q${parts.quarter - 1}`;
}
