import fc from "fast-check";
import { computeResults } from "../../src/server/publish/compute";
import type {
  CostGroup,
  MemberRow,
  QuantityRow,
  RuleRow,
  VersionInputs,
} from "../../src/server/publish/inputs";
import { reconciliationBreaks } from "../support/reconciliation";

/**
 * Generated models: pools, towers, operating services and support services that serve each other
 * (reciprocal), consumers, drivers, and cost lines with cents (credits too) booked at every depth,
 * straight to consumers included. Every month and the quarter tie out in every cut.
 */
const MONTHS = ["2026-01", "2026-02", "2026-03"];
const SCENARIOS = ["Actual", "Budget"];

interface Shape {
  pools: number;
  towers: number;
  operating: number;
  supports: number;
  consumers: number;
}

const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);

/** A non-empty subset of `list`, from the generator's bits. */
const subset = <T>(list: readonly T[]) =>
  fc.array(fc.boolean(), { minLength: list.length, maxLength: list.length }).map((bits) => {
    const chosen = list.filter((_, i) => bits[i]);
    return chosen.length > 0 ? chosen : [list[0]];
  });

const method = fc.constantFrom<RuleRow["method"]>("even", "driver", "percent");

function rule(
  stage: RuleRow["stage"],
  source: string,
  targets: string[],
  how: RuleRow["method"],
  driver: string,
): RuleRow {
  if (how === "percent") {
    // Percentages with two decimals adding up to 100: the first target takes what the others leave.
    const each = Math.floor(10_000 / targets.length / 3);
    const percents = targets.map((_, i) => (i === 0 ? 10_000 - each * (targets.length - 1) : each));
    return {
      stage,
      source,
      method: how,
      driver: null,
      targets: targets.map((member, i) => ({ member, percent: (percents[i] / 100).toFixed(2) })),
    };
  }
  return {
    stage,
    source,
    method: how,
    driver: how === "driver" ? driver : null,
    targets: targets.map((member) => ({ member })),
  };
}

const cents = fc.integer({ min: -50_000, max: 900_000 }).map((c) => (c / 100).toFixed(2));
const quantity = fc.integer({ min: 1, max: 5_000 }).map((q) => (q / 10).toFixed(1));

function model(shape: Shape): fc.Arbitrary<VersionInputs> {
  const pools = names("Pool ", shape.pools);
  const towers = names("Tower ", shape.towers);
  const operating = names("Service ", shape.operating);
  const supports = names("Support ", shape.supports);
  const consumers = names("Unit ", shape.consumers);
  const services = [...operating, ...supports];
  const member = (dimension: MemberRow["dimension"], name: string, position: number): MemberRow => ({
    dimension,
    name,
    parent: null,
    attributes: {},
    position,
  });
  const members: MemberRow[] = [
    ...pools.map((n, i) => member("pool", n, i)),
    ...towers.map((n, i) => member("tower", n, i)),
    ...services.map((n, i) => member("service", n, i)),
    ...consumers.map((n, i) => member("consumer", n, i)),
    member("driver", "Headcount", 0),
    member("driver", "Servers", 1),
  ];
  const rules = fc.tuple(
    fc.array(fc.tuple(subset(towers), method), { minLength: pools.length, maxLength: pools.length }),
    fc.array(fc.tuple(subset(services), method), { minLength: towers.length, maxLength: towers.length }),
    // Each support service serves at least one operating service, and maybe other support services.
    fc.array(fc.tuple(subset(operating), subset([...supports, ...operating]), method), {
      minLength: supports.length,
      maxLength: supports.length,
    }),
    fc.array(fc.tuple(subset(consumers), method), {
      minLength: operating.length,
      maxLength: operating.length,
    }),
  );
  const quantities = fc.array(quantity, {
    minLength: MONTHS.length * SCENARIOS.length * (consumers.length + services.length + towers.length),
    maxLength: MONTHS.length * SCENARIOS.length * (consumers.length + services.length + towers.length),
  });
  const line = fc.record({
    scenario: fc.constantFrom(...SCENARIOS),
    period: fc.constantFrom(...MONTHS),
    pool: fc.constantFrom(...pools),
    tower: fc.option(fc.constantFrom(...towers), { freq: 2 }),
    service: fc.option(fc.constantFrom(...services), { freq: 2 }),
    consumer: fc.option(fc.constantFrom(...consumers), { freq: 1 }),
    amount: cents,
  });
  return fc
    .tuple(rules, quantities, fc.array(line, { minLength: 1, maxLength: 40 }))
    .map(([[poolRules, towerRules, supportRules, serviceRules], amounts, lines]) => {
      const quantityRows: QuantityRow[] = [];
      let next = 0;
      for (const scenario of SCENARIOS) {
        for (const period of MONTHS) {
          for (const name of [...consumers, ...services, ...towers]) {
            const driver = consumers.includes(name) ? "Headcount" : "Servers";
            quantityRows.push({ driver, member: name, scenario, period, quantity: amounts[next++] });
          }
        }
      }
      return {
        members,
        scenarios: SCENARIOS,
        costGroups: lines as CostGroup[],
        accountCosts: [],
        quantities: quantityRows,
        rules: [
          ...poolRules.map(([targets, how], i) => rule("pool_to_tower", pools[i], targets, how, "Servers")),
          ...towerRules.map(([targets, how], i) =>
            rule("tower_to_service", towers[i], targets, how, "Servers"),
          ),
          ...supportRules.map(([served, others, how], i) => {
            const targets = [...new Set([...served, ...others])].filter((t) => t !== supports[i]);
            return rule("service_to_service", supports[i], targets, how, "Servers");
          }),
          ...serviceRules.map(([targets, how], i) =>
            rule("service_to_consumer", operating[i], targets, how, "Headcount"),
          ),
        ],
      };
    });
}

const shape: fc.Arbitrary<Shape> = fc.record({
  pools: fc.integer({ min: 1, max: 4 }),
  towers: fc.integer({ min: 1, max: 3 }),
  operating: fc.integer({ min: 1, max: 4 }),
  supports: fc.integer({ min: 0, max: 3 }),
  consumers: fc.integer({ min: 1, max: 7 }),
});

test("every cut of every month and of the quarter ties out to the cent on generated models", () => {
  let allocated = 0;
  fc.assert(
    fc.property(shape.chain(model), (inputs) => {
      const { results, problems } = computeResults(inputs);
      expect(problems).toEqual([]);
      if (results.allocations.length > 0) allocated += 1;
      for (const scenario of SCENARIOS) {
        for (const period of [
          ...MONTHS.map((m) => ({ label: m, months: [m] })),
          { label: "2026-Q1", months: MONTHS },
        ]) {
          expect(reconciliationBreaks(results, scenario, period)).toEqual([]);
        }
      }
    }),
    { numRuns: 300 },
  );
  // The models allocate: the check is not passing on empty ledgers.
  expect(allocated).toBeGreaterThan(250);
});
