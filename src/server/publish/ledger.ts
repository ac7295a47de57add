import type { CostDimension, TracedDimension } from "./month";

/** Cost lines of one month and scenario summed per attribution, in whole cents. */
export interface EntryGroup {
  pool: string;
  tower: string | null;
  service: string | null;
  consumer: string | null;
  cents: bigint;
}

/** What a member's cost is made of: amounts entering other members' rules, and amounts booked to consumers. */
export interface Trace {
  viaRules: Map<string, { dimension: TracedDimension; name: string; cents: bigint }>;
  direct: Map<number, bigint>;
}

/** The month's amounts in cents as the stages pass them on. */
export interface Ledger {
  /** The cost of each member. */
  readonly cost: Record<CostDimension, Map<string, bigint>>;
  /** What each member passes on by its own rule. */
  readonly ruleMoney: Record<TracedDimension, Map<string, bigint>>;
  /** What the cost of each pool, tower and service booked below it is made of. */
  readonly traces: ReadonlyMap<string, Trace>;
}

export const nodeKey = (dimension: TracedDimension, name: string): string => `${dimension}\u0000${name}`;

export function add<K>(ledger: Map<K, bigint>, key: K, cents: bigint): void {
  ledger.set(key, (ledger.get(key) ?? 0n) + cents);
}

/** The amounts summed per key, in the order the keys first come. */
export function totals<K>(amounts: Iterable<readonly [K, bigint]>): Map<K, bigint> {
  const sums = new Map<K, bigint>();
  for (const [key, cents] of amounts) add(sums, key, cents);
  return sums;
}

/** Names the member that stands for cost passing no member of a dimension (see direct.ts). */
export type DirectNamer = (dimension: "tower" | "service", from: string) => string;

/**
 * The book stage: a group enters at the deepest member it is booked to and skips the stages before it.
 * Where it skips a tower or a service on its way to a service or a consumer, it passes the direct
 * member of its pool (or tower) there instead, so that every cut of the month holds all its cost.
 */
export function book(
  groups: readonly EntryGroup[],
  consumerIndex: ReadonlyMap<string, number>,
  direct: DirectNamer,
): Ledger {
  const cost: Ledger["cost"] = { pool: new Map(), tower: new Map(), service: new Map(), consumer: new Map() };
  const ruleMoney: Ledger["ruleMoney"] = { pool: new Map(), tower: new Map(), service: new Map() };
  const traces = new Map<string, Trace>();
  const traceOf = (dimension: TracedDimension, name: string): Trace => {
    const key = nodeKey(dimension, name);
    let trace = traces.get(key);
    if (trace === undefined) {
      trace = { viaRules: new Map(), direct: new Map() };
      traces.set(key, trace);
    }
    return trace;
  };
  for (const { pool, tower, service, consumer, cents } of groups) {
    add(cost.pool, pool, cents);
    if (tower !== null) add(cost.tower, tower, cents);
    if (service !== null) add(cost.service, service, cents);
    const path: [TracedDimension, string][] = [["pool", pool]];
    if (tower !== null) path.push(["tower", tower]);
    if (service !== null) path.push(["service", service]);
    // The members standing in for a skipped tower or service: cost of the cut, never a rule's source.
    const passed: [TracedDimension, string][] = [];
    if (tower === null && (service !== null || consumer !== null))
      passed.push(["tower", direct("tower", pool)]);
    if (service === null && consumer !== null) passed.push(["service", direct("service", tower ?? pool)]);
    for (const [dimension, name] of passed) add(cost[dimension], name, cents);
    if (consumer !== null) {
      add(cost.consumer, consumer, cents);
      const index = consumerIndex.get(consumer) as number;
      for (const [dimension, name] of [...path, ...passed])
        add(traceOf(dimension, name).direct, index, cents);
      continue;
    }
    const [entryDimension, entryName] = path[path.length - 1];
    add(ruleMoney[entryDimension], entryName, cents);
    for (const [dimension, name] of [...path.slice(0, -1), ...passed]) {
      const viaRules = traceOf(dimension, name).viaRules;
      const key = nodeKey(entryDimension, entryName);
      const entry = viaRules.get(key) ?? { dimension: entryDimension, name: entryName, cents: 0n };
      entry.cents += cents;
      viaRules.set(key, entry);
    }
  }
  return { cost, ruleMoney, traces };
}

/** Records what a stage passed to members of `dimension`: their cost, and what they in turn pass on. */
export function receive(
  ledger: Ledger,
  dimension: CostDimension,
  amounts: ReadonlyMap<string, bigint>,
): void {
  for (const [name, cents] of amounts) {
    add(ledger.cost[dimension], name, cents);
    if (dimension !== "consumer") add(ledger.ruleMoney[dimension], name, cents);
  }
}
