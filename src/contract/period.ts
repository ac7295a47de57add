/**
 * The periods a formula or a query names: a month (2027-03), a calendar quarter (2027-Q1), a
 * calendar year (2027) or a fiscal year (FY2027, the one that ends in 2027). One parser for the
 * add-in and the service, so a period is read the same way on both sides.
 */
export type Period =
  | { kind: "month"; year: number; month: number }
  | { kind: "quarter"; year: number; quarter: number }
  | { kind: "year"; year: number }
  | { kind: "fiscal-year"; year: number };

export const PERIOD_EXAMPLES = "2027-03, 2027-Q1, 2027 or FY2027";

const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * Why a text is not a period, with examples in the year it names (else this year) and, when it
 * names a month such as "March 2026", that month written as a period.
 */
export function notAPeriod(text: string, thisYear = new Date().getFullYear()): string {
  const year = /\b(19|20)\d\d\b/.exec(text)?.[0] ?? String(thisYear);
  const named = MONTH_NAMES.findIndex((name) => text.toLowerCase().includes(name));
  const month = named === -1 ? "03" : String(named + 1).padStart(2, "0");
  return (
    `"${text.trim()}" is not a period: type a month such as ${year}-${month}, ` +
    `a quarter such as ${year}-Q1, a year such as ${year} or a fiscal year such as FY${year}`
  );
}

/** The period a text names (case and surrounding spaces aside), or null. */
export function parsePeriod(text: string): Period | null {
  const normal = text.trim().toUpperCase();
  let match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(normal);
  if (match) return { kind: "month", year: Number(match[1]), month: Number(match[2]) };
  match = /^(\d{4})-Q([1-4])$/.exec(normal);
  if (match) return { kind: "quarter", year: Number(match[1]), quarter: Number(match[2]) };
  match = /^(\d{4})$/.exec(normal);
  if (match) return { kind: "year", year: Number(match[1]) };
  match = /^FY(\d{4})$/.exec(normal);
  if (match) return { kind: "fiscal-year", year: Number(match[1]) };
  return null;
}

export const monthText = (year: number, month: number): string => `${year}-${String(month).padStart(2, "0")}`;

function monthsFrom(year: number, firstMonth: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const index = firstMonth - 1 + i;
    return monthText(year + Math.floor(index / 12), (index % 12) + 1);
  });
}

/**
 * The months (YYYY-MM) of a period. FY2027 is the fiscal year that ends in 2027: with a fiscal year
 * starting in July, 2026-07..2027-06 (starting in January it is the calendar year).
 */
export function monthsOfPeriod(period: Period, fiscalYearStartMonth: number): string[] {
  switch (period.kind) {
    case "month":
      return [monthText(period.year, period.month)];
    case "quarter":
      return monthsFrom(period.year, (period.quarter - 1) * 3 + 1, 3);
    case "year":
      return monthsFrom(period.year, 1, 12);
    case "fiscal-year": {
      const start = fiscalYearStartMonth === 1 ? period.year : period.year - 1;
      return monthsFrom(start, fiscalYearStartMonth, 12);
    }
  }
}
