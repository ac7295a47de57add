import type {
  AllocationRule,
  CostLine,
  DriverQuantity,
  Member,
  ModelVersionDocument,
} from "../../src/contract/model";

const member = (
  dimension: Member["dimension"],
  name: string,
  parent: string | null = null,
  attributes: Record<string, string> = {},
): Member => ({ dimension, name, parent, attributes });

const line = (period: string, pool: string, amount: string, more: Partial<CostLine> = {}): CostLine => ({
  pool,
  period,
  scenario: "Actual",
  amount,
  ...more,
});

const quantities = (driver: string, period: string, values: Record<string, string>): DriverQuantity[] =>
  Object.entries(values).map(([target, quantity]) => ({
    driver,
    member: target,
    period,
    scenario: "Actual",
    quantity,
  }));

const targets = (...names: string[]) => names.map((name) => ({ member: name }));

/**
 * A small model whose allocation is worked out by hand in the tests: every method (driver, percent,
 * even), direct attributions to a tower, a service and a consumer, and two support services that
 * serve each other (reciprocal). Its fiscal year starts in July.
 */
export function handBuiltDocument(): ModelVersionDocument {
  const rules: AllocationRule[] = [
    {
      stage: "pool_to_tower",
      source: "Internal Labor",
      method: "driver",
      driver: "FTE",
      targets: targets("Compute", "Storage", "End User"),
    },
    {
      stage: "pool_to_tower",
      source: "Contractors",
      method: "percent",
      targets: [
        { member: "Compute", percent: "50" },
        { member: "End User", percent: "50" },
      ],
    },
    { stage: "pool_to_tower", source: "Hardware", method: "even", targets: targets("Compute", "Storage") },
    {
      stage: "tower_to_service",
      source: "Compute",
      method: "percent",
      targets: [
        { member: "Hosting", percent: "80" },
        { member: "IT Management", percent: "20" },
      ],
    },
    { stage: "tower_to_service", source: "Storage", method: "even", targets: targets("Hosting") },
    {
      stage: "tower_to_service",
      source: "End User",
      method: "driver",
      driver: "Seats",
      targets: targets("Workplace", "Service Desk"),
    },
    {
      stage: "service_to_service",
      source: "Service Desk",
      method: "driver",
      driver: "Tickets",
      targets: targets("IT Management", "Hosting", "Workplace"),
    },
    {
      stage: "service_to_service",
      source: "IT Management",
      method: "percent",
      targets: [
        { member: "Service Desk", percent: "25" },
        { member: "Hosting", percent: "50" },
        { member: "Workplace", percent: "25" },
      ],
    },
    {
      stage: "service_to_consumer",
      source: "Hosting",
      method: "driver",
      driver: "Servers",
      targets: targets("Sales", "Operations", "Research"),
    },
    {
      stage: "service_to_consumer",
      source: "Workplace",
      method: "driver",
      driver: "Headcount",
      targets: targets("Sales", "Operations", "Research"),
    },
  ];
  const january = "2026-01";
  const february = "2026-02";
  return {
    format: "itfm-model-version/1",
    model: { name: "Hand-built", currency: "EUR", fiscalYearStartMonth: 7, description: "" },
    version: { label: "v1", status: "draft", publishedAt: null },
    members: [
      member("pool", "Staffing"),
      member("pool", "Internal Labor", "Staffing"),
      member("pool", "Contractors", "Staffing"),
      member("pool", "Hardware"),
      member("tower", "Compute"),
      member("tower", "Storage"),
      member("tower", "End User"),
      member("service", "Hosting", null, { driver: "Servers" }),
      member("service", "Workplace", null, { driver: "Headcount" }),
      member("service", "Service Desk", null, { driver: "Tickets" }),
      member("service", "IT Management"),
      member("consumer", "All Units"),
      member("consumer", "Sales", "All Units"),
      member("consumer", "Operations", "All Units"),
      member("consumer", "Research", "All Units"),
      member("account", "Salaries"),
      member("account", "Equipment"),
      ...["FTE", "Servers", "Headcount", "Seats", "Tickets"].map((name) => member("driver", name)),
    ],
    scenarios: [{ name: "Actual" }, { name: "Budget" }],
    costLines: [
      line(january, "Internal Labor", "400.00", { account: "Salaries" }),
      line(january, "Contractors", "100.00"),
      line(january, "Hardware", "300.00", { account: "Equipment" }),
      line(january, "Hardware", "50.00", { tower: "Storage", account: "Equipment" }),
      line(january, "Internal Labor", "30.00", {
        tower: "End User",
        service: "Workplace",
        consumer: "Sales",
      }),
      line(january, "Contractors", "20.00", { service: "Service Desk" }),
      line(february, "Internal Labor", "100.01", { account: "Salaries" }),
      line(february, "Hardware", "0.05"),
    ],
    driverQuantities: [
      ...[january, february].flatMap((period) => [
        ...quantities("FTE", period, { Compute: "2", Storage: "1", "End User": "1" }),
        ...quantities("Seats", period, { Workplace: "3", "Service Desk": "1" }),
        ...quantities("Tickets", period, { "IT Management": "1", Hosting: "2", Workplace: "1" }),
        ...quantities("Headcount", period, { Sales: "10", Operations: "5", Research: "5" }),
      ]),
      ...quantities("Servers", january, { Sales: "1", Operations: "3", Research: "0" }),
      ...quantities("Servers", february, { Sales: "1", Operations: "1", Research: "1" }),
    ],
    rules,
  };
}
