import type { ComputedResults } from "../../src/server/publish/compute";
import type { MonthObserver } from "../../src/server/publish/month-run";
import { centsToText, parseFixed, toScale } from "../../src/engine/money";

const CUTS = ["pool", "tower", "service"] as const;
const cents = (text: string): bigint => toScale(parseFixed(text), 2);

/** A period of the check: a month, or a quarter or year as the sum of its months. */
export interface CheckedPeriod {
  label: string;
  months: readonly string[];
}

/**
 * Every way one scenario and period of a ledger must tie out, to the cent, with what breaks it (an
 * empty list when everything holds):
 * - each pool, tower and service: what it passes to the consumers adds up to its cost;
 * - each consumer: what the pools, the towers and the services each pass to it adds up to its cost;
 * - the pools, the towers, the services and the consumers each add up to the same total.
 */
export function reconciliationBreaks(
  results: ComputedResults,
  scenario: string,
  period: CheckedPeriod,
): string[] {
  const inPeriod = (row: { scenario: string; period: string }) =>
    row.scenario === scenario && period.months.includes(row.period);
  const cost = new Map<string, bigint>();
  const passed = new Map<string, bigint>();
  const received = new Map<string, bigint>();
  const add = (map: Map<string, bigint>, key: string, amount: bigint) =>
    map.set(key, (map.get(key) ?? 0n) + amount);
  for (const row of results.memberCosts.filter(inPeriod))
    add(cost, `${row.dimension} ${row.member}`, cents(row.amount));
  for (const row of results.allocations.filter(inPeriod)) {
    add(passed, `${row.dimension} ${row.member}`, cents(row.amount));
    add(received, `${row.dimension} ${row.consumer}`, cents(row.amount));
  }
  const where = `${scenario} ${period.label}`;
  const breaks: string[] = [];
  const dimensionTotal = (dimension: string) =>
    [...cost]
      .filter(([key]) => key.startsWith(`${dimension} `))
      .reduce((sum, [, amount]) => sum + amount, 0n);
  const total = dimensionTotal("pool");
  for (const dimension of [...CUTS, "consumer"]) {
    const sum = dimensionTotal(dimension);
    if (sum !== total)
      breaks.push(
        `${where}: the ${dimension}s add up to ${centsToText(sum)}, the pools to ${centsToText(total)}`,
      );
  }
  for (const [key, amount] of cost) {
    const [dimension, ...name] = key.split(" ");
    if (dimension === "consumer") {
      for (const cut of CUTS) {
        const got = received.get(`${cut} ${name.join(" ")}`) ?? 0n;
        if (got !== amount)
          breaks.push(
            `${where}: the ${cut}s pass ${centsToText(got)} to ${name.join(" ")}, whose cost is ${centsToText(amount)}`,
          );
      }
    } else if ((CUTS as readonly string[]).includes(dimension)) {
      const out = passed.get(key) ?? 0n;
      if (out !== amount)
        breaks.push(`${where}: ${key} passes ${centsToText(out)} of its cost ${centsToText(amount)}`);
    }
  }
  for (const key of passed.keys())
    if (!cost.has(key)) breaks.push(`${where}: ${key} passes cost but has none`);
  return breaks;
}

/** The quarter of a month (2026-09 → 2026-Q3) and its three months. */
export function quarterOf(month: string): CheckedPeriod {
  const [year, number] = month.split("-").map(Number);
  const first = 3 * Math.floor((number - 1) / 3) + 1;
  return {
    label: `${year}-Q${(first + 2) / 3}`,
    months: [first, first + 1, first + 2].map((m) => `${year}-${String(m).padStart(2, "0")}`),
  };
}

/**
 * An observer of the allocation that keeps the largest distance, in cents, between a traced amount
 * and its exact value, and where it was.
 */
export function deviationWatch(): {
  observe: MonthObserver;
  largest: () => { cents: number; where: string };
} {
  let largest = { cents: 0, where: "" };
  const observe: MonthObserver = ({ scenario, period, consumers, traced, reconciled }) => {
    const stored = new Map(
      reconciled.allocations.map((a) => [`${a.dimension} ${a.member} ${a.consumer}`, a.cents]),
    );
    for (const cut of CUTS) {
      for (const { member, trace } of traced[cut]) {
        trace.num.forEach((numerator, c) => {
          const key = `${cut} ${member} ${consumers[c]}`;
          const gap = (stored.get(key) ?? 0n) * trace.den - numerator;
          const distance = Number(gap < 0n ? -gap : gap) / Number(trace.den);
          if (distance > largest.cents) largest = { cents: distance, where: `${scenario} ${period} ${key}` };
        });
      }
    }
  };
  return { observe, largest: () => largest };
}
