import { lcm, sumUnits } from "../../engine/money";
import { type ExactVector, combine, fromWeights } from "./distribution";
import { type Ledger, nodeKey } from "./ledger";
import type { Month, TracedDimension } from "./month";
import type { SplitStage } from "./stages";
import type { SupportServices } from "./support";

const RULE_STAGE: Record<TracedDimension, SplitStage> = {
  pool: "pool_to_tower",
  tower: "tower_to_service",
  service: "service_to_consumer",
};

type Parts = { coefficient: bigint; vector: ExactVector }[];

/**
 * Where one unit entering each member's rule ends up among the consumers, worked out once per
 * member: the rules form a graph that every trace walks (null after a reported problem).
 */
export function distributions(month: Month, support: SupportServices) {
  const found = new Map<string, ExactVector | null>();
  const size = month.context.consumers.length;

  function distribution(dimension: TracedDimension, name: string): ExactVector | null {
    const key = nodeKey(dimension, name);
    if (found.has(key)) return found.get(key) ?? null;
    const vector =
      dimension === "service" && month.context.rules.isSupport(name)
        ? supportDistribution(name)
        : ruleDistribution(dimension, name);
    found.set(key, vector);
    return vector;
  }

  function ruleDistribution(dimension: TracedDimension, name: string): ExactVector | null {
    const weights = month.weights(RULE_STAGE[dimension], name);
    if (weights === null) return null;
    const { rule, units } = weights;
    if (dimension === "service") {
      const indices = rule.targets.map((t) => month.context.consumerIndex.get(t) as number);
      return fromWeights(indices, units, size);
    }
    const next: TracedDimension = dimension === "pool" ? "tower" : "service";
    const parts: Parts = [];
    for (let i = 0; i < rule.targets.length; i++) {
      if (units[i] === 0n) continue;
      const vector = distribution(next, rule.targets[i]);
      if (vector === null) return null;
      parts.push({ coefficient: units[i], vector });
    }
    return combine(parts, sumUnits(units), size);
  }

  function supportDistribution(name: string): ExactVector | null {
    const unit = support.unitShares(name);
    if (unit === null) return null;
    const { operating, shares } = unit;
    const common = shares.reduce((multiple, share) => lcm(multiple, share.den), 1n);
    const parts: Parts = [];
    for (let j = 0; j < operating.length; j++) {
      if (shares[j].num === 0n) continue;
      const vector = distribution("service", operating[j]);
      if (vector === null) return null;
      parts.push({ coefficient: shares[j].num * (common / shares[j].den), vector });
    }
    return combine(parts, common, size);
  }

  return distribution;
}

/** A member's cost and, exactly, what of it reaches each consumer. */
export interface ExactTrace {
  member: string;
  cents: bigint;
  trace: ExactVector;
}

/**
 * Every pool, tower and service traced exactly to the consumers its cost reaches (null after a reported
 * problem). Each trace adds up exactly to the member's cost.
 */
export function traceAll(
  month: Month,
  ledger: Ledger,
  support: SupportServices,
): Record<TracedDimension, ExactTrace[]> | null {
  const distribution = distributions(month, support);
  const size = month.context.consumers.length;
  const traced: Record<TracedDimension, ExactTrace[]> = { pool: [], tower: [], service: [] };
  for (const dimension of ["pool", "tower", "service"] as const) {
    for (const [name, total] of ledger.cost[dimension]) {
      const trace = ledger.traces.get(nodeKey(dimension, name)) ?? { viaRules: new Map(), direct: new Map() };
      const entries = [...trace.viaRules.values()];
      const own = ledger.ruleMoney[dimension].get(name) ?? 0n;
      if (own !== 0n) entries.push({ dimension, name, cents: own });
      const parts: Parts = [];
      for (const entry of entries) {
        if (entry.cents === 0n) continue;
        const vector = distribution(entry.dimension, entry.name);
        if (vector === null) break;
        parts.push({ coefficient: entry.cents, vector });
      }
      // After a problem the walk goes on, so that every problem of the month is reported.
      if (month.failed) continue;
      traced[dimension].push({ member: name, cents: total, trace: combine(parts, 1n, size, trace.direct) });
    }
  }
  return month.failed ? null : traced;
}
