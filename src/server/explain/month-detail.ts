import type { PreparedRun } from "../publish/compute";
import type { ExactVector } from "../publish/distribution";
import { type EntryGroup, type Ledger, nodeKey } from "../publish/ledger";
import type { Month, TracedDimension } from "../publish/month";
import { type MonthObserver, allocateMonth } from "../publish/month-run";
import { type SplitStage, splitSource } from "../publish/stages";
import { distributions } from "../publish/trace";

/** What one scenario and month of a version's run holds for explaining its figures. */
export interface MonthDetail {
  scenario: string;
  period: string;
  run: Month;
  ledger: Ledger;
  groups: readonly EntryGroup[];
  consumerCents: ReadonlyMap<string, bigint>;
  /** What each member of a cut passes to each consumer: "dimension\0member\0consumer". */
  allocated: ReadonlyMap<string, bigint>;
  /** Where one unit entering a member's rule ends up among the consumers (null after a problem). */
  distribution(dimension: TracedDimension, name: string): ExactVector | null;
  /** What each source passed to a member by the stage that assigns it: "dimension\0member". */
  inflows: ReadonlyMap<string, Map<string, bigint>>;
  /** Each rated service's cost as charged out, in cents. */
  chargedOut: ReadonlyMap<string, bigint>;
}

export const allocationKey = (dimension: string, member: string, consumer: string): string =>
  `${dimension}\u0000${member}\u0000${consumer}`;

/** The stage that assigns a tower or a service its cost, and the dimension it comes from. */
export const STAGE_OF_TARGET: Record<"tower" | "service", { stage: SplitStage; source: TracedDimension }> = {
  tower: { stage: "pool_to_tower", source: "pool" },
  service: { stage: "tower_to_service", source: "tower" },
};

/**
 * Runs one month of the allocation again, as publishing ran it, and keeps what explaining needs: the
 * stages' amounts, the reconciled ledger and the exact distributions. Null when the month cannot be
 * allocated (its problems are in the run's context).
 */
export function monthDetail(prepared: PreparedRun, scenario: string, period: string): MonthDetail | null {
  const groups = prepared.months.get(`${scenario}\u0000${period}`) ?? [];
  let observed: Parameters<MonthObserver>[0] | undefined;
  const outcome = allocateMonth(prepared.context, scenario, period, groups, (seen) => (observed = seen));
  const seen = observed;
  if (outcome.results === null || seen === undefined) return null;
  const allocated = new Map<string, bigint>();
  for (const a of seen.reconciled.allocations)
    allocated.set(allocationKey(a.dimension, a.member, a.consumer), a.cents);
  const inflows = new Map<string, Map<string, bigint>>();
  for (const target of ["tower", "service"] as const) {
    const { stage, source } = STAGE_OF_TARGET[target];
    for (const [name, cents] of seen.ledger.ruleMoney[source]) {
      for (const [to, share] of splitSource(seen.run, stage, name, cents)) {
        const key = nodeKey(target, to);
        const from = inflows.get(key) ?? new Map<string, bigint>();
        from.set(name, (from.get(name) ?? 0n) + share);
        inflows.set(key, from);
      }
    }
  }
  return {
    scenario,
    period,
    run: seen.run,
    ledger: seen.ledger,
    groups,
    consumerCents: new Map(seen.consumers.map((name, c) => [name, seen.reconciled.consumerCents[c]])),
    allocated,
    distribution: distributions(seen.run, seen.support),
    inflows,
    chargedOut: new Map(outcome.results.rates.map((r) => [r.service, r.cents])),
  };
}
