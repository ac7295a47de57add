import type { ModelVersionDocument } from "../../src/contract/model";

export const DEMO_MODEL = "ITFM Demo";
export const DEMO_VERSION = "FY2026-27 v1";

const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
const PERIODS = [...MONTHS, "2026-Q1", "2026-Q2", "2026-Q3", "2026", "FY2026"];

/**
 * `count` cell queries as a workbook full of ITFM formulas sends them: costs of pools, towers and
 * services by month, quarter and year; allocations of services and towers to business units; driver
 * quantities; unit rates; and a few model facts. Deterministic.
 */
export function demoQueries(doc: ModelVersionDocument, count: number): Record<string, unknown>[] {
  const names = (dimension: string) =>
    doc.members.filter((m) => m.dimension === dimension).map((m) => m.name);
  const costed = [...names("pool"), ...names("tower"), ...names("service"), ...names("account")];
  const allocating = [...names("tower"), ...names("service")];
  const consumers = names("consumer");
  const drivers = [...new Set(doc.driverQuantities.map((q) => q.driver))];
  const rated = doc.members
    .filter((m) => m.dimension === "service" && m.attributes.driver)
    .map((m) => m.name);
  const at = (list: readonly string[], i: number): string => list[i % list.length];
  return Array.from({ length: count }, (_, i) => {
    const period = at(PERIODS, i * 7);
    switch (i % 20) {
      case 0:
        return { kind: "model", field: "version" };
      case 1:
      case 2:
        return { kind: "rate", service: at(rated, i), period };
      case 3:
      case 4:
      case 5:
        return { kind: "driver", driver: at(drivers, i), consumer: at(consumers, i * 3), period };
      case 6:
      case 7:
      case 8:
      case 9:
      case 10:
      case 11:
        return { kind: "allocated", member: at(allocating, i), consumer: at(consumers, i * 5), period };
      default:
        return { kind: "cost", member: at(costed, i), period, scenario: i % 3 === 0 ? "Budget" : "Actual" };
    }
  });
}
