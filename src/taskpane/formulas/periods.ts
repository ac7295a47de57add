import { monthsOfPeriod, parsePeriod, type Period } from "../../contract/period";

/** One group of the period list: its heading and its periods, as a formula writes them. */
export interface PeriodGroup {
  label: string;
  names: string[];
}

/**
 * Every period a model with these months answers, coarse to fine: its fiscal years, calendar years,
 * quarters and months. A period is offered when at least one of its months is in the model.
 */
export function periodGroups(months: readonly string[], fiscalYearStartMonth: number): PeriodGroup[] {
  const known = new Set(months);
  const covered = (period: Period) => monthsOfPeriod(period, fiscalYearStartMonth).some((m) => known.has(m));
  const years = [...new Set(months.map((month) => Number(month.slice(0, 4))))].sort((a, b) => a - b);
  // A fiscal year that starts after January ends in the calendar year after its first month.
  const fiscal = [...years, years[years.length - 1] + 1].filter((year) =>
    covered({ kind: "fiscal-year", year }),
  );
  const quarters = years.flatMap((year) =>
    [1, 2, 3, 4]
      .filter((quarter) => covered({ kind: "quarter", year, quarter }))
      .map((quarter) => `${year}-Q${quarter}`),
  );
  return [
    { label: "Fiscal years", names: years.length === 0 ? [] : fiscal.map((year) => `FY${year}`) },
    { label: "Years", names: years.map(String) },
    { label: "Quarters", names: quarters },
    { label: "Months", names: [...months] },
  ].filter((group) => group.names.length > 0);
}

/** The first calendar year of a period list, for examples in messages. */
export function firstYear(names: readonly string[]): number | undefined {
  for (const name of names) {
    const period = parsePeriod(name);
    if (period !== null) return period.year;
  }
  return undefined;
}

/** Why `text` is not a period, with examples in `year`; undefined when it is one. */
export function periodProblem(text: string, year: number): string | undefined {
  if (parsePeriod(text) !== null) return undefined;
  return (
    `“${text.trim()}” is not a period: type a month like ${year}-03, a quarter like ${year}-Q1, ` +
    `a year like ${year} or FY${year}`
  );
}
