import type {
  AllocationRule,
  CostLine,
  DriverQuantity,
  Member,
  ModelVersionDocument,
} from "../../src/contract/model";
import { TOWER_DOMAINS } from "../../src/server/demo/taxonomy";

export interface ModelSize {
  costLines: number;
  consumers: number;
  months?: number;
}

/** A deterministic sequence (no Math.random), so every run builds the same model. */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const POOL_GROUPS = ["Staffing", "Hardware", "Software", "Facilities", "Outside Services"];
/** The twelve TBM towers, as the demo model names them. */
const TOWERS = TOWER_DOMAINS.flatMap((d) => d.towers);
const SUPPORT_SERVICES = ["Service Desk", "IT Management", "Security Operations", "Identity"];
const CONSUMER_DRIVERS = ["Headcount", "Servers", "Storage TB", "Users"];

/**
 * A large model of the shape of a real one: 15 pools in 5 groups, 12 towers, 24 services (4 of them
 * support services sharing cost reciprocally), `consumers` business units in 10 divisions, monthly
 * driver quantities, and `costLines` cost lines over the months of 2026 (Actual), most booked to a
 * pool only, some straight to a tower, a service or a consumer.
 */
export function generateModel(size: ModelSize): ModelVersionDocument {
  const random = sequence(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const months = Array.from(
    { length: size.months ?? 12 },
    (_, i) => `2026-${String(i + 1).padStart(2, "0")}`,
  );
  const members: Member[] = [];
  const member = (
    dimension: Member["dimension"],
    name: string,
    parent: string | null = null,
    attributes = {},
  ): string => {
    members.push({ dimension, name, parent, attributes });
    return name;
  };

  const pools = POOL_GROUPS.flatMap((group) => {
    member("pool", group);
    return [1, 2, 3].map((n) => member("pool", `${group} ${n}`, group));
  });
  TOWERS.forEach((tower) => member("tower", tower));
  const operating = Array.from({ length: 20 }, (_, i) =>
    member("service", `Service ${i + 1}`, null, { driver: CONSUMER_DRIVERS[i % CONSUMER_DRIVERS.length] }),
  );
  SUPPORT_SERVICES.forEach((name) => member("service", name, null, { driver: "Tickets" }));
  const consumers = Array.from({ length: size.consumers }, (_, i) => {
    const division = `Division ${(i % 10) + 1}`;
    if (i < 10) member("consumer", division);
    return member("consumer", `Business Unit ${i + 1}`, division);
  });
  const accounts = Array.from({ length: 40 }, (_, i) => member("account", `GL ${6000 + i * 10}`));
  [...CONSUMER_DRIVERS, "FTE", "Tickets"].forEach((driver) => member("driver", driver));

  const rules: AllocationRule[] = [];
  pools.forEach((pool, p) => {
    const targets = [0, 1, 2, 3].map((k) => TOWERS[(p * 5 + k * 3) % TOWERS.length]);
    rules.push({
      stage: "pool_to_tower",
      source: pool,
      method: "driver",
      driver: "FTE",
      targets: targets.map((m) => ({ member: m })),
    });
  });
  TOWERS.forEach((tower, t) => {
    const targets = [
      operating[t],
      operating[(t + 12) % 20],
      operating[(t + 7) % 20],
      SUPPORT_SERVICES[t % 4],
    ];
    rules.push({
      stage: "tower_to_service",
      source: tower,
      method: "percent",
      targets: targets.map((m, k) => ({ member: m, percent: ["40", "30", "20", "10"][k] })),
    });
  });
  SUPPORT_SERVICES.forEach((support, s) => {
    const others = SUPPORT_SERVICES.filter((o) => o !== support);
    const served = Array.from({ length: 6 }, (_, k) => operating[(s * 5 + k) % 20]);
    rules.push({
      stage: "service_to_service",
      source: support,
      method: "driver",
      driver: "Tickets",
      targets: [...others, ...served].map((m) => ({ member: m })),
    });
  });
  operating.forEach((service, i) => {
    rules.push({
      stage: "service_to_consumer",
      source: service,
      method: "driver",
      driver: CONSUMER_DRIVERS[i % CONSUMER_DRIVERS.length],
      targets: consumers.map((m) => ({ member: m })),
    });
  });

  const driverQuantities: DriverQuantity[] = [];
  const quantity = (driver: string, target: string, period: string, value: string): void => {
    driverQuantities.push({ driver, member: target, period, scenario: "Actual", quantity: value });
  };
  for (const period of months) {
    TOWERS.forEach((tower) => quantity("FTE", tower, period, (1 + random() * 40).toFixed(1)));
    for (const service of [...operating, ...SUPPORT_SERVICES])
      quantity("Tickets", service, period, String(10 + Math.floor(random() * 500)));
    for (const consumer of consumers) {
      CONSUMER_DRIVERS.forEach((driver) =>
        quantity(driver, consumer, period, String(1 + Math.floor(random() * 200))),
      );
    }
  }

  const costLines: CostLine[] = Array.from({ length: size.costLines }, () => {
    const line: CostLine = {
      pool: pick(pools),
      account: pick(accounts),
      period: pick(months),
      scenario: "Actual",
      amount: (10 + random() * 49_990).toFixed(2),
    };
    const attribution = random();
    if (attribution < 0.15) line.tower = pick(TOWERS);
    if (attribution < 0.07) line.service = pick(operating);
    if (attribution < 0.02) line.consumer = pick(consumers);
    return line;
  });

  return {
    format: "itfm-model-version/1",
    model: { name: "Benchmark model", currency: "USD", fiscalYearStartMonth: 1, description: "" },
    version: { label: "Benchmark", status: "draft", publishedAt: null },
    members,
    scenarios: [{ name: "Actual" }],
    costLines,
    driverQuantities,
    rules,
  };
}
