import { type EntryGroup, type Ledger, book, receive } from "./ledger";
import { type CostDimension, Month, type RunContext, type TracedDimension } from "./month";
import { type UnitRate, chargedOut, checkConservation, passOn, unitRates } from "./stages";
import { SupportServices } from "./support";
import { type Allocation, type ReconciledMonth, reconcile } from "./reconcile";
import { type ExactTrace, traceAll } from "./trace";

export interface MonthResults {
  /** Towers, services and consumers (the pools are known even when the allocation fails). */
  costs: { dimension: CostDimension; member: string; cents: bigint }[];
  allocations: Allocation[];
  rates: UnitRate[];
}

/** Sees each month's exact traces beside its reconciled ledger: how close the cents are to exact. */
export type MonthObserver = (month: {
  scenario: string;
  period: string;
  /** The month's run: its rules' weights, and the amounts each stage passed on. */
  run: Month;
  ledger: Ledger;
  support: SupportServices;
  consumers: readonly string[];
  traced: Record<TracedDimension, ExactTrace[]>;
  reconciled: ReconciledMonth;
}) => void;

export interface MonthOutcome {
  /** The cost of each pool: what its cost lines bring into the allocation. */
  poolCosts: ReadonlyMap<string, bigint>;
  /** The month's results, or null when a problem (recorded in the context) stops it. */
  results: MonthResults | null;
}

/**
 * The allocation of one scenario and month: cost lines enter at the deepest member they are booked
 * to, then each stage splits every source's amount over its rule's targets to the cent (pools to
 * towers, towers to services, support services among themselves by the reciprocal method, services
 * to consumers). Then every pool, tower and service is traced to the consumers its cost reaches, the
 * traces are rounded into one ledger whose every cut ties out to the consumers' costs (reconcile.ts),
 * and each rated service gets its unit rate.
 */
export function allocateMonth(
  context: RunContext,
  scenario: string,
  period: string,
  groups: readonly EntryGroup[],
  observe?: MonthObserver,
): MonthOutcome {
  const month = new Month(context, scenario, period);
  const ledger = book(groups, context.consumerIndex, context.direct);
  const poolCosts = ledger.cost.pool;
  receive(ledger, "tower", passOn(month, "pool_to_tower", ledger.ruleMoney.pool));
  receive(ledger, "service", passOn(month, "tower_to_service", ledger.ruleMoney.tower));
  const support = new SupportServices(month, ledger.ruleMoney.service);
  const supportCents = support.share();
  const charged = chargedOut(month, ledger, supportCents.received);
  receive(ledger, "consumer", passOn(month, "service_to_consumer", charged));
  checkConservation(month, ledger, groups);
  if (month.failed) return { poolCosts, results: null };
  const traced = traceAll(month, ledger, support);
  const rates = unitRates(month, ledger, supportCents);
  if (traced === null || month.failed) return { poolCosts, results: null };
  const reconciled = reconcile(traced, context.consumers);
  observe?.({
    scenario,
    period,
    run: month,
    ledger,
    support,
    consumers: context.consumers,
    traced,
    reconciled,
  });
  const { consumerCents, allocations } = reconciled;
  const costs: MonthResults["costs"] = [];
  for (const dimension of ["tower", "service"] as const) {
    for (const [member, cents] of ledger.cost[dimension])
      if (cents !== 0n) costs.push({ dimension, member, cents });
  }
  consumerCents.forEach((cents, c) => {
    if (cents !== 0n) costs.push({ dimension: "consumer", member: context.consumers[c], cents });
  });
  return { poolCosts, results: { costs, allocations, rates } };
}
