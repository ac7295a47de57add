import type { AllocationRule } from "../../contract/model";
import { TOWER_SERVICE_SHARES } from "./drivers";
import { BUSINESS_UNITS, SERVICES, TOWER_DOMAINS } from "./taxonomy";

type Shares = Readonly<Record<string, number>>;

const percentRule = (stage: AllocationRule["stage"], source: string, shares: Shares): AllocationRule => ({
  stage,
  source,
  method: "percent",
  targets: Object.entries(shares).map(([member, percent]) => ({ member, percent: String(percent) })),
});

const evenRule = (
  stage: AllocationRule["stage"],
  source: string,
  targets: readonly string[],
): AllocationRule => ({
  stage,
  source,
  method: "even",
  targets: targets.map((member) => ({ member })),
});

const driverRule = (
  stage: AllocationRule["stage"],
  source: string,
  driver: string,
  targets: readonly string[],
): AllocationRule => ({
  stage,
  source,
  method: "driver",
  driver,
  targets: targets.map((member) => ({ member })),
});

const TOWERS = TOWER_DOMAINS.flatMap((d) => d.towers);

/** Where each sub-pool's cost goes by tower (labour by time tracking, assets by where they run). */
const POOL_TO_TOWER: readonly AllocationRule[] = [
  percentRule("pool_to_tower", "Internal Labor", {
    "Data Center": 3,
    Storage: 5,
    Compute: 12,
    Network: 8,
    Application: 28,
    Data: 10,
    Delivery: 8,
    "Tech Management": 6,
    Security: 7,
    "Risk & Compliance": 3,
    "Smart Devices": 2,
    "End User": 8,
  }),
  percentRule("pool_to_tower", "Staff Augmentation", {
    Application: 55,
    Data: 20,
    Delivery: 15,
    Security: 10,
  }),
  percentRule("pool_to_tower", "Consulting", {
    Application: 40,
    Data: 20,
    Security: 15,
    "Tech Management": 15,
    "Risk & Compliance": 10,
  }),
  percentRule("pool_to_tower", "Managed Services", { Network: 40, "End User": 60 }),
  percentRule("pool_to_tower", "Cloud Services", { Compute: 55, Storage: 20, Network: 10, Data: 15 }),
  percentRule("pool_to_tower", "Depreciation & Amortization", {
    "Data Center": 15,
    Storage: 20,
    Compute: 35,
    Network: 15,
    "Smart Devices": 5,
    "End User": 10,
  }),
  evenRule("pool_to_tower", "Hardware Maintenance & Support", [
    "Data Center",
    "Storage",
    "Compute",
    "Network",
  ]),
  percentRule("pool_to_tower", "Hardware Expense", { "End User": 70, "Smart Devices": 30 }),
  percentRule("pool_to_tower", "Licensing", {
    Application: 45,
    Data: 20,
    Compute: 10,
    Security: 15,
    "Tech Management": 10,
  }),
  percentRule("pool_to_tower", "Software Maintenance & Support", {
    Application: 50,
    Data: 20,
    Compute: 10,
    Security: 10,
    Delivery: 10,
  }),
  percentRule("pool_to_tower", "SaaS", {
    Application: 50,
    "End User": 30,
    Security: 10,
    "Tech Management": 10,
  }),
  evenRule("pool_to_tower", "Data Center Facilities", ["Data Center"]),
  percentRule("pool_to_tower", "Telecom", { Network: 80, "Smart Devices": 20 }),
  evenRule("pool_to_tower", "Misc Costs", TOWERS),
  evenRule("pool_to_tower", "Cross Charges", TOWERS),
];

const servicesOf = (tower: string): string[] => SERVICES.filter((s) => s.tower === tower).map((s) => s.name);

/** Splits of the towers over their services; compute and storage go by the services' servers and terabytes. */
const TOWER_SPLITS: Readonly<Record<string, Shares | "even" | "Servers" | "Storage TB">> = {
  "Data Center": "even",
  Storage: "Storage TB",
  Compute: "Servers",
  Network: { "LAN & Wi-Fi": 40, "WAN & Internet": 45, "Voice & Contact Center": 15 },
  Application: { "Business Applications": 50, "Application Development": 30, "Application Support": 20 },
  Data: { "Database Services": 40, "Data Warehouse & Analytics": 35, "AI & Machine Learning": 25 },
  Delivery: { "Project & Program Management": 55, "Service Management": 45 },
  "Tech Management": {
    "IT Management & Strategy": 45,
    "IT Finance & Vendor Management": 25,
    "Enterprise Architecture": 30,
  },
  Security: { "Identity & Access": 45, "Security Operations": 55 },
  "Risk & Compliance": { "Governance, Risk & Compliance": 60, "Business Continuity & DR": 40 },
  "Smart Devices": { "Mobile Devices": 75, Printing: 25 },
  "End User": { "Service Desk": 35, "Workplace Devices": 40, Collaboration: 25 },
};

function towerRule(tower: string): AllocationRule {
  const split = TOWER_SPLITS[tower];
  if (split === "even") return evenRule("tower_to_service", tower, servicesOf(tower));
  if (split === "Servers" || split === "Storage TB") {
    return driverRule("tower_to_service", tower, split, Object.keys(TOWER_SERVICE_SHARES[split]));
  }
  return percentRule("tower_to_service", tower, split);
}

const otherServices = (service: string): string[] =>
  SERVICES.map((s) => s.name).filter((name) => name !== service);

/**
 * The support services serve the other services and each other; the stage is solved reciprocally.
 * Management overheads follow the IT staff of each service (Headcount on services).
 */
const SERVICE_TO_SERVICE: readonly AllocationRule[] = [
  driverRule(
    "service_to_service",
    "IT Management & Strategy",
    "Headcount",
    otherServices("IT Management & Strategy"),
  ),
  driverRule(
    "service_to_service",
    "IT Finance & Vendor Management",
    "Headcount",
    otherServices("IT Finance & Vendor Management"),
  ),
  percentRule("service_to_service", "Enterprise Architecture", {
    "IT Management & Strategy": 5,
    "Security Operations": 5,
    "Business Applications": 25,
    "Application Development": 25,
    "Data Warehouse & Analytics": 15,
    "Database Services": 10,
    "Container Platform": 15,
  }),
  percentRule("service_to_service", "Identity & Access", {
    "IT Management & Strategy": 3,
    "IT Finance & Vendor Management": 2,
    "Enterprise Architecture": 2,
    "Security Operations": 8,
    "Governance, Risk & Compliance": 5,
    "Business Applications": 25,
    Collaboration: 20,
    "Workplace Devices": 15,
    "Service Desk": 10,
    "Mobile Devices": 10,
  }),
  evenRule("service_to_service", "Security Operations", otherServices("Security Operations")),
  percentRule("service_to_service", "Governance, Risk & Compliance", {
    "IT Management & Strategy": 10,
    "Identity & Access": 10,
    "Security Operations": 15,
    "Business Continuity & DR": 20,
    "Business Applications": 20,
    "Database Services": 15,
    "Data Warehouse & Analytics": 10,
  }),
];

/** Every business-facing service goes to the business units by its driver. */
const SERVICE_TO_CONSUMER: readonly AllocationRule[] = SERVICES.flatMap((s) =>
  s.driver === null
    ? []
    : [
        driverRule(
          "service_to_consumer",
          s.name,
          s.driver,
          BUSINESS_UNITS.map((u) => u.name),
        ),
      ],
);

/** The allocation rules of the demo: every source of every stage has one. */
export function allocationRules(): AllocationRule[] {
  return [...POOL_TO_TOWER, ...TOWERS.map(towerRule), ...SERVICE_TO_SERVICE, ...SERVICE_TO_CONSUMER];
}
