import { computeResults } from "../../src/server/publish/compute";
import type { RuleRow, VersionInputs } from "../../src/server/publish/inputs";

/**
 * Support services share their cost by the reciprocal method, solved once a month. These months
 * cannot be allocated; each problem names the support services and why, and nothing is stored.
 */
const MONTH = { scenario: "Actual", period: "2026-01" };

function month(
  serviceCosts: Record<string, string>,
  rules: RuleRow[],
  zeroDriverOn: string[] = [],
): VersionInputs {
  const services = ["A", "B", "C", "X"];
  return {
    members: [
      { dimension: "pool", name: "P", parent: null, attributes: {}, position: 0 },
      { dimension: "tower", name: "T", parent: null, attributes: {}, position: 0 },
      ...services.map((name, position) => ({
        dimension: "service" as const,
        name,
        parent: null,
        attributes: {},
        position,
      })),
      { dimension: "consumer", name: "Unit", parent: null, attributes: {}, position: 0 },
      { dimension: "driver", name: "Tickets", parent: null, attributes: {}, position: 0 },
    ],
    scenarios: ["Actual"],
    costGroups: Object.entries(serviceCosts).map(([service, amount]) => ({
      ...MONTH,
      pool: "P",
      tower: "T",
      service,
      consumer: null,
      amount,
    })),
    accountCosts: [],
    quantities: zeroDriverOn.map((member) => ({ ...MONTH, driver: "Tickets", member, quantity: "0" })),
    rules: [
      ...rules,
      {
        stage: "service_to_consumer",
        source: "X",
        method: "even",
        driver: null,
        targets: [{ member: "Unit" }],
      },
    ],
  };
}

const support = (source: string, targets: string[], method: RuleRow["method"] = "even"): RuleRow => ({
  stage: "service_to_service",
  source,
  method,
  driver: method === "driver" ? "Tickets" : null,
  targets: targets.map((member) => ({ member })),
});

function problemsOf(inputs: VersionInputs): string[] {
  const { results, problems } = computeResults(inputs);
  expect(results.allocations).toEqual([]);
  expect(results.unitRates).toEqual([]);
  return problems.map((p) => `${p.code}: ${p.message}`);
}

describe("support services that cannot share their cost", () => {
  it("refuses support services that serve only one another", () => {
    const inputs = month({ A: "10.00", C: "5.00" }, [
      support("A", ["B"]),
      support("B", ["A"]),
      support("C", ["X"]),
    ]);
    expect(problemsOf(inputs)).toEqual([
      'reciprocal: the support services "A", "B", "C" cannot share their cost: some of them serve only one ' +
        "another, so their cost never reaches a service that is not a support service (in Actual 2026-01)",
    ]);
  });

  it("names a support service that receives cost but has no one to pass it to", () => {
    const inputs = month({ B: "10.00" }, [support("A", ["X"], "driver"), support("B", ["A", "X"])], ["X"]);
    expect(problemsOf(inputs)).toEqual([
      'reciprocal: support service "A" receives cost from other support services, but its service-to-service ' +
        "rule shows no use by any other service to pass it on (in Actual 2026-01)",
    ]);
  });

  it("names a support service whose own cost is cancelled by credits but still has no one to pass it to", () => {
    // A's 0.10 and half of B's -0.20 credit make A's reciprocal total zero, yet A's cost has nowhere to go.
    const inputs = month(
      { A: "0.10", B: "-0.20" },
      [support("A", ["X"], "driver"), support("B", ["A", "X"])],
      ["X"],
    );
    expect(problemsOf(inputs)).toEqual([
      'zero_driver: the driver "Tickets" is zero on every target of the service-to-service rule for "A", so ' +
        "its cost cannot be allocated (in Actual 2026-01)",
      "reciprocal: the support services cannot share their cost: support department 1 has cost to pass on, but " +
        "its usage row shows no use by any other department (in Actual 2026-01)",
    ]);
  });

  it("allocates the same support services once every one of them reaches a service that is not one", () => {
    const inputs = month({ A: "10.00", B: "5.00" }, [support("A", ["B", "X"]), support("B", ["A", "X"])]);
    const { results, problems } = computeResults(inputs);
    expect(problems).toEqual([]);
    // A: T_A = 10 + T_B/2, T_B = 5 + T_A/2 -> T_A = 50/3, T_B = 40/3; X receives half of each: 15.00.
    expect(results.memberCosts.filter((r) => r.dimension === "consumer")).toEqual([
      { dimension: "consumer", member: "Unit", ...MONTH, amount: "15.00" },
    ]);
    expect(results.allocations.filter((r) => r.member === "A")).toEqual([
      { dimension: "service", member: "A", consumer: "Unit", ...MONTH, amount: "10.00" },
    ]);
  });
});
