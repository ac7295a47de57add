import { roundTable } from "../../engine/allocation";
import { sumUnits } from "../../engine/money";
import { combine, roundTrace } from "./distribution";
import type { TracedDimension } from "./month";
import type { ExactTrace } from "./trace";

/** What one pool, tower or service passes to one consumer in a month. */
export interface Allocation {
  dimension: TracedDimension;
  member: string;
  consumer: string;
  cents: bigint;
}

export interface ReconciledMonth {
  /** Each consumer's cost, by the consumers' index. */
  consumerCents: bigint[];
  allocations: Allocation[];
}

/**
 * The month's ledger in whole cents, one table per cut (pools, towers, services × consumers), every
 * one tying out both ways: each member's row adds up to its cost, and each consumer's column, in every
 * cut, to the consumer's cost.
 *
 * A consumer's cost is its exact share of every cost line (the sum of the pools' exact traces, which
 * follow each rule's fractions all the way down) rounded once, by largest remainder, to the month's
 * total. Each cut is then rounded to those margins by the engine's controlled rounding (roundTable),
 * which always finds a table: the members' costs and the consumers' costs add up to the same total, as
 * every cut holds all the month's cost (direct.ts). Where the margins allow, each amount is within a
 * cent of the exact value.
 */
export function reconcile(
  traced: Record<TracedDimension, ExactTrace[]>,
  consumers: readonly string[],
): ReconciledMonth {
  const pools = traced.pool;
  const total = sumUnits(pools.map((row) => row.cents));
  const exactConsumers = combine(
    pools.map((row) => ({ coefficient: 1n, vector: row.trace })),
    1n,
    consumers.length,
  );
  const consumerCents = roundTrace(exactConsumers, total);
  const allocations: Allocation[] = [];
  for (const dimension of ["pool", "tower", "service"] as const) {
    const rows = traced[dimension];
    const table = roundTable(
      rows.map((row) => ({ numerators: row.trace.num, denominator: row.trace.den })),
      rows.map((row) => row.cents),
      consumerCents,
    );
    table.forEach((cents, i) => {
      cents.forEach((amount, c) => {
        if (amount !== 0n)
          allocations.push({ dimension, member: rows[i].member, consumer: consumers[c], cents: amount });
      });
    });
  }
  return { consumerCents, allocations };
}
