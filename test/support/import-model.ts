import type { Member, ModelVersionDocument } from "../../src/contract/model";

const member = (dimension: Member["dimension"], name: string): Member => ({
  dimension,
  name,
  parent: null,
  attributes: {},
});

/** A small model with the towers FOCUS categories map to, restored fresh for each use. */
export function importDocument(name: string, status: "draft" | "published"): ModelVersionDocument {
  return {
    format: "itfm-model-version/1",
    model: { name, currency: "USD", fiscalYearStartMonth: 1, description: "" },
    version: {
      label: status,
      status,
      publishedAt: status === "published" ? "2026-02-01T00:00:00.000Z" : null,
    },
    members: [
      member("pool", "Staffing"),
      member("pool", "Cloud Services"),
      member("account", "6100 Salaries"),
      ...["Compute", "Storage", "Network", "Data", "Application", "Tech Management", "Security"].map((t) =>
        member("tower", t),
      ),
      member("service", "Hosting"),
      member("consumer", "Sales"),
      member("consumer", "Finance"),
      member("driver", "Headcount"),
    ],
    scenarios: [{ name: "Actual" }, { name: "Budget" }],
    costLines: [{ pool: "Staffing", period: "2026-01", scenario: "Actual", amount: "100.00" }],
    driverQuantities: [],
    rules: [
      { stage: "pool_to_tower", source: "Staffing", method: "even", targets: [{ member: "Compute" }] },
      { stage: "tower_to_service", source: "Compute", method: "even", targets: [{ member: "Hosting" }] },
      {
        stage: "service_to_consumer",
        source: "Hosting",
        method: "even",
        targets: [{ member: "Sales" }, { member: "Finance" }],
      },
    ],
  };
}
