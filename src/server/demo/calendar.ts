/** The months the demo model covers: calendar fiscal years FY2026 and FY2027. */
export const FIRST_YEAR = 2026;
export const MONTHS: readonly string[] = [FIRST_YEAR, FIRST_YEAR + 1].flatMap((year) =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`),
);
/** Books are closed up to this month: Actual runs to it, Forecast repeats Actual up to it. */
export const LAST_ACTUAL_MONTH = "2026-10";
export const ACTUAL_MONTHS = MONTHS.filter((m) => m <= LAST_ACTUAL_MONTH);
/** The cloud billing sample is booked into this month of Actual. */
export const FOCUS_MONTH = "2026-09";

export const SCENARIOS = ["Actual", "Budget", "Forecast"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** Position of a month from the start of the model (2026-01 = 0), and its calendar month index (0-11). */
export function monthIndex(month: string): { sinceStart: number; ofYear: number; yearsSinceStart: number } {
  const year = Number(month.slice(0, 4));
  const ofYear = Number(month.slice(5, 7)) - 1;
  return { sinceStart: (year - FIRST_YEAR) * 12 + ofYear, ofYear, yearsSinceStart: year - FIRST_YEAR };
}
