import { monthsOfPeriod, parsePeriod } from "../../contract/period";

/** The months (YYYY-MM) a query period covers, or null when the text names no period. */
export function monthsOf(period: string, fiscalYearStartMonth: number): string[] | null {
  const parsed = parsePeriod(period);
  return parsed === null ? null : monthsOfPeriod(parsed, fiscalYearStartMonth);
}
