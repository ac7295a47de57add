/** The months (YYYY-MM) a query period covers. */

const month = (year: number, monthNumber: number): string =>
  `${year}-${String(monthNumber).padStart(2, "0")}`;

function monthsFrom(year: number, firstMonth: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const index = firstMonth - 1 + i;
    return month(year + Math.floor(index / 12), (index % 12) + 1);
  });
}

/**
 * 2027-03 is one month; 2027-Q1 the calendar quarter January to March; 2027 the calendar year;
 * FY2027 the fiscal year that ends in 2027: with a fiscal year starting in July, 2026-07..2027-06
 * (starting in January it is the calendar year). Returns null for anything else.
 */
export function monthsOf(period: string, fiscalYearStartMonth: number): string[] | null {
  const text = period.trim().toUpperCase();
  let match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (match) return [text];
  match = /^(\d{4})-Q([1-4])$/.exec(text);
  if (match) return monthsFrom(Number(match[1]), (Number(match[2]) - 1) * 3 + 1, 3);
  match = /^(\d{4})$/.exec(text);
  if (match) return monthsFrom(Number(match[1]), 1, 12);
  match = /^FY(\d{4})$/.exec(text);
  if (match) {
    const endYear = Number(match[1]);
    return monthsFrom(fiscalYearStartMonth === 1 ? endYear : endYear - 1, fiscalYearStartMonth, 12);
  }
  return null;
}
