import type { CellQuery } from "../../../src/contract/query";
import type { Decimal } from "../../../src/engine/decimal";
import type { SeedFigures } from "./seed-figures";

export interface WaveCell {
  query: CellQuery;
  expected: Decimal;
}

/** Months, quarters, the year and the fiscal year of the demo's Actual data (2026-01..2026-10). */
export const ACTUAL_PERIODS = [
  ...Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`),
  "2026-Q1",
  "2026-Q2",
  "2026-Q3",
  "2026-Q4",
  "2026",
  "FY2026",
];

function* costCells(f: SeedFigures): Generator<WaveCell> {
  const members = ["pool", "tower", "service", "account", "consumer"].flatMap((d) => f.names(d));
  for (const member of new Set(members)) {
    for (const period of ACTUAL_PERIODS) {
      yield { query: { kind: "cost", member, period }, expected: f.cost(member, period, "Actual") };
    }
  }
}

function* allocatedCells(f: SeedFigures): Generator<WaveCell> {
  for (const consumer of f.names("consumer")) {
    for (const member of ["pool", "tower", "service"].flatMap((d) => f.names(d))) {
      for (const period of ACTUAL_PERIODS) {
        const expected = f.allocated(member, consumer, period, "Actual");
        yield { query: { kind: "allocated", member, consumer, period }, expected };
      }
    }
  }
}

function* driverCells(f: SeedFigures): Generator<WaveCell> {
  for (const consumer of f.names("consumer")) {
    for (const driver of f.names("driver")) {
      for (const period of ACTUAL_PERIODS) {
        yield {
          query: { kind: "driver", driver, consumer, period },
          expected: f.driver(driver, consumer, period, "Actual"),
        };
      }
    }
  }
}

function* rateCells(f: SeedFigures): Generator<WaveCell> {
  for (const service of f.names("service")) {
    for (const period of ACTUAL_PERIODS) {
      const expected = f.rate(service, period, "Actual");
      if (expected !== null && f.attribute("service", service, "driver") !== undefined) {
        yield { query: { kind: "rate", service, period }, expected };
      }
    }
  }
}

/**
 * `count` distinct cells of the demo model's Actual scenario, every kind of figure taking turns,
 * each with the value computed independently from the seed data.
 */
export function waveCells(figures: SeedFigures, count: number): WaveCell[] {
  const sources = [costCells(figures), allocatedCells(figures), driverCells(figures), rateCells(figures)];
  const cells: WaveCell[] = [];
  while (cells.length < count && sources.length > 0) {
    for (let i = 0; i < sources.length && cells.length < count; i++) {
      const next = sources[i].next();
      if (next.done) sources.splice(i--, 1);
      else cells.push(next.value);
    }
  }
  return cells;
}
