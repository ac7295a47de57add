import type { AllocationStage } from "../../contract/model";
import { allocateUnits } from "../../engine/allocation";
import { type Fixed, sumUnits } from "../../engine/money";
import { type EntryGroup, type Ledger, add, totals } from "./ledger";
import type { Month } from "./month";
import type { SupportCents } from "./support";

export type SplitStage = Exclude<AllocationStage, "service_to_service">;

/**
 * Pools to towers, towers to services, services to consumers: each source's amount split over its
 * rule's targets to the cent (largest remainder). Returns what each target receives.
 */
export function passOn(
  month: Month,
  stage: SplitStage,
  amounts: ReadonlyMap<string, bigint>,
): Map<string, bigint> {
  const received = new Map<string, bigint>();
  for (const [source, cents] of amounts) {
    for (const [target, share] of splitSource(month, stage, source, cents)) add(received, target, share);
  }
  return received;
}

/** What one source's amount gives each target of its rule (none after a reported problem). */
export function splitSource(
  month: Month,
  stage: SplitStage,
  source: string,
  cents: bigint,
): [string, bigint][] {
  if (cents === 0n) return [];
  const weights = month.weights(stage, source);
  if (weights === null) return [];
  const shares = allocateUnits(cents, weights.units, 2);
  return weights.rule.targets.flatMap((target, i): [string, bigint][] =>
    shares[i] !== 0n ? [[target, shares[i]]] : [],
  );
}

/** What each service that is not a support service passes to consumers: its own cost and the support it receives. */
export function chargedOut(
  month: Month,
  ledger: Ledger,
  supportReceived: ReadonlyMap<string, bigint>,
): Map<string, bigint> {
  const own = [...ledger.ruleMoney.service].filter(([service]) => !month.context.rules.isSupport(service));
  return totals([...own, ...supportReceived]);
}

export interface UnitRate {
  service: string;
  cents: bigint;
  quantity: Fixed;
}

/**
 * Each rated service's cost as charged out: its own cost plus the support it receives; a support
 * service's full reciprocal cost (its own plus what the other support services pass to it).
 */
export function unitRates(month: Month, ledger: Ledger, support: SupportCents): UnitRate[] {
  const rates: UnitRate[] = [];
  for (const [service, driver] of month.context.rateDrivers) {
    const own = ledger.cost.service.get(service) ?? 0n;
    const cents = month.context.rules.isSupport(service)
      ? own - (ledger.ruleMoney.service.get(service) ?? 0n) + (support.fullCosts.get(service) ?? 0n)
      : own + (support.received.get(service) ?? 0n);
    const quantity = month.context.quantities.total(driver, month.scenario, month.period);
    if (cents !== 0n || quantity.units !== 0n) rates.push({ service, cents, quantity });
  }
  return rates;
}

/** Every cent the cost lines brought in must reach a consumer. */
export function checkConservation(month: Month, ledger: Ledger, groups: readonly EntryGroup[]): void {
  const entered = sumUnits(groups.map((g) => g.cents));
  const reached = sumUnits([...ledger.cost.consumer.values()]);
  if (reached !== entered && !month.failed) {
    month.problem(
      "conservation",
      `the consumers received ${reached} cents but the cost lines hold ${entered} cents`,
    );
  }
}
