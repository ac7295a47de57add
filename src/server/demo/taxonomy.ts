import type { Member } from "../../contract/model";

/** Cost pools and sub-pools of the TBM Taxonomy v5.0.1; cost lines use the sub-pools where there are any. */
export const COST_POOLS: readonly { pool: string; subPools: readonly string[] }[] = [
  { pool: "Staffing", subPools: ["Internal Labor", "Staff Augmentation"] },
  { pool: "Outside Services", subPools: ["Consulting", "Managed Services"] },
  { pool: "Cloud Services", subPools: [] },
  {
    pool: "Hardware",
    subPools: ["Hardware Maintenance & Support", "Depreciation & Amortization", "Hardware Expense"],
  },
  { pool: "Software & SaaS", subPools: ["Licensing", "Software Maintenance & Support", "SaaS"] },
  { pool: "Data Center Facilities", subPools: [] },
  { pool: "Telecom", subPools: [] },
  { pool: "Misc Costs", subPools: [] },
  { pool: "Cross Charges", subPools: [] },
];

export const GL_ACCOUNTS: readonly { group: string; accounts: readonly string[] }[] = [
  {
    group: "6000 Personnel",
    accounts: ["6100 Salaries & Wages", "6110 Benefits & Payroll Taxes", "6150 Contractors"],
  },
  { group: "6200 Professional Services", accounts: ["6210 Consulting Fees", "6220 Managed Services"] },
  {
    group: "6300 Technology",
    accounts: [
      "6310 Software Licenses",
      "6320 Software Maintenance",
      "6330 SaaS Subscriptions",
      "6340 Hardware Maintenance",
      "6350 Cloud Services",
      "6360 Telecommunications",
      "6370 Hardware Expense",
    ],
  },
  { group: "6400 Facilities", accounts: ["6410 Data Center Rent & Power"] },
  { group: "6500 Depreciation", accounts: ["6510 Depreciation - Hardware"] },
  { group: "6900 Other Expense", accounts: ["6910 Travel & Training", "6920 Internal Cross Charges"] },
];

/** The four TBM domains hold the towers (a tower member's parent is its domain). */
export const TOWER_DOMAINS: readonly { domain: string; towers: readonly string[] }[] = [
  { domain: "Infrastructure Domain", towers: ["Data Center", "Storage", "Compute", "Network"] },
  { domain: "Application Domain", towers: ["Application", "Data"] },
  { domain: "Operations Domain", towers: ["Delivery", "Tech Management", "Security", "Risk & Compliance"] },
  { domain: "Field & Office Domain", towers: ["Smart Devices", "End User"] },
];

export const DRIVERS: readonly { name: string; unit: string }[] = [
  { name: "Headcount", unit: "FTE" },
  { name: "Servers", unit: "servers" },
  { name: "Storage TB", unit: "TB" },
  { name: "Tickets", unit: "tickets" },
  { name: "Users", unit: "users" },
];
export type DriverName = "Headcount" | "Servers" | "Storage TB" | "Tickets" | "Users";

export interface ServiceSpec {
  readonly name: string;
  readonly tower: string;
  /** The driver that shares the service out to business units (its rate basis); none for support services. */
  readonly driver: DriverName | null;
  /** IT staff working on the service, the basis of the support services' own allocation. */
  readonly itStaff: number;
}

/** Support services (no driver) serve the other services and each other, allocated reciprocally. */
export const SERVICES: readonly ServiceSpec[] = [
  { name: "Data Center Hosting", tower: "Data Center", driver: "Servers", itStaff: 6 },
  { name: "Colocation", tower: "Data Center", driver: "Servers", itStaff: 2 },
  { name: "Block Storage", tower: "Storage", driver: "Storage TB", itStaff: 5 },
  { name: "File Storage", tower: "Storage", driver: "Storage TB", itStaff: 3 },
  { name: "Backup & Archive", tower: "Storage", driver: "Storage TB", itStaff: 4 },
  { name: "Virtual Servers", tower: "Compute", driver: "Servers", itStaff: 12 },
  { name: "Physical Servers", tower: "Compute", driver: "Servers", itStaff: 5 },
  { name: "Container Platform", tower: "Compute", driver: "Servers", itStaff: 8 },
  { name: "LAN & Wi-Fi", tower: "Network", driver: "Users", itStaff: 7 },
  { name: "WAN & Internet", tower: "Network", driver: "Users", itStaff: 6 },
  { name: "Voice & Contact Center", tower: "Network", driver: "Headcount", itStaff: 4 },
  { name: "Business Applications", tower: "Application", driver: "Users", itStaff: 38 },
  { name: "Application Development", tower: "Application", driver: "Headcount", itStaff: 64 },
  { name: "Application Support", tower: "Application", driver: "Tickets", itStaff: 22 },
  { name: "Database Services", tower: "Data", driver: "Storage TB", itStaff: 9 },
  { name: "Data Warehouse & Analytics", tower: "Data", driver: "Users", itStaff: 14 },
  { name: "AI & Machine Learning", tower: "Data", driver: "Servers", itStaff: 8 },
  { name: "Project & Program Management", tower: "Delivery", driver: "Headcount", itStaff: 12 },
  { name: "Service Management", tower: "Delivery", driver: "Tickets", itStaff: 7 },
  { name: "IT Management & Strategy", tower: "Tech Management", driver: null, itStaff: 9 },
  { name: "IT Finance & Vendor Management", tower: "Tech Management", driver: null, itStaff: 6 },
  { name: "Enterprise Architecture", tower: "Tech Management", driver: null, itStaff: 5 },
  { name: "Identity & Access", tower: "Security", driver: null, itStaff: 8 },
  { name: "Security Operations", tower: "Security", driver: null, itStaff: 11 },
  { name: "Governance, Risk & Compliance", tower: "Risk & Compliance", driver: null, itStaff: 4 },
  { name: "Business Continuity & DR", tower: "Risk & Compliance", driver: "Servers", itStaff: 3 },
  { name: "Mobile Devices", tower: "Smart Devices", driver: "Users", itStaff: 3 },
  { name: "Printing", tower: "Smart Devices", driver: "Headcount", itStaff: 2 },
  { name: "Service Desk", tower: "End User", driver: "Tickets", itStaff: 24 },
  { name: "Workplace Devices", tower: "End User", driver: "Users", itStaff: 10 },
  { name: "Collaboration", tower: "End User", driver: "Users", itStaff: 6 },
];

export const SUPPORT_SERVICES = SERVICES.filter((s) => s.driver === null).map((s) => s.name);

export interface BusinessUnitSpec {
  readonly name: string;
  readonly group: string;
  readonly headcount: number;
  /** Users per head, in percent (shared store terminals make it lower than 100, contractors higher). */
  readonly usersPercent: number;
  readonly servers: number;
  readonly storageTb: number;
  /** Service desk tickets per 100 heads per month. */
  readonly ticketsPer100: number;
}

export const BUSINESS_UNITS: readonly BusinessUnitSpec[] = [
  {
    name: "Sales",
    group: "Customer-Facing Units",
    headcount: 850,
    usersPercent: 115,
    servers: 60,
    storageTb: 120,
    ticketsPer100: 45,
  },
  {
    name: "Marketing",
    group: "Customer-Facing Units",
    headcount: 240,
    usersPercent: 120,
    servers: 35,
    storageTb: 180,
    ticketsPer100: 50,
  },
  {
    name: "E-Commerce",
    group: "Customer-Facing Units",
    headcount: 180,
    usersPercent: 130,
    servers: 420,
    storageTb: 640,
    ticketsPer100: 60,
  },
  {
    name: "Retail Stores",
    group: "Customer-Facing Units",
    headcount: 2400,
    usersPercent: 60,
    servers: 180,
    storageTb: 90,
    ticketsPer100: 30,
  },
  {
    name: "Customer Service",
    group: "Customer-Facing Units",
    headcount: 620,
    usersPercent: 105,
    servers: 45,
    storageTb: 60,
    ticketsPer100: 55,
  },
  {
    name: "Manufacturing",
    group: "Operations Units",
    headcount: 1900,
    usersPercent: 50,
    servers: 260,
    storageTb: 310,
    ticketsPer100: 25,
  },
  {
    name: "Supply Chain",
    group: "Operations Units",
    headcount: 540,
    usersPercent: 110,
    servers: 140,
    storageTb: 220,
    ticketsPer100: 40,
  },
  {
    name: "Research & Development",
    group: "Operations Units",
    headcount: 460,
    usersPercent: 140,
    servers: 380,
    storageTb: 920,
    ticketsPer100: 70,
  },
  {
    name: "Finance",
    group: "Corporate Functions",
    headcount: 210,
    usersPercent: 110,
    servers: 55,
    storageTb: 140,
    ticketsPer100: 50,
  },
  {
    name: "Human Resources",
    group: "Corporate Functions",
    headcount: 140,
    usersPercent: 110,
    servers: 25,
    storageTb: 70,
    ticketsPer100: 45,
  },
  {
    name: "Legal & Compliance",
    group: "Corporate Functions",
    headcount: 90,
    usersPercent: 110,
    servers: 15,
    storageTb: 110,
    ticketsPer100: 40,
  },
  {
    name: "Executive Office",
    group: "Corporate Functions",
    headcount: 35,
    usersPercent: 150,
    servers: 5,
    storageTb: 10,
    ticketsPer100: 80,
  },
];

/** Business units named by the cloud billing tags roll up under this consumer. */
export const CLOUD_BUSINESS_UNITS = "Cloud Business Units";

const member = (
  dimension: Member["dimension"],
  name: string,
  parent: string | null = null,
  attributes: Record<string, string> = {},
): Member => ({ dimension, name, parent, attributes });

/** Every member of the demo model except the consumers the cloud billing tags add. */
export function taxonomyMembers(): Member[] {
  const consumerGroups = [...new Set(BUSINESS_UNITS.map((u) => u.group))];
  return [
    ...GL_ACCOUNTS.flatMap(({ group, accounts }) => [
      member("account", group),
      ...accounts.map((a) => member("account", a, group)),
    ]),
    ...COST_POOLS.flatMap(({ pool, subPools }) => [
      member("pool", pool),
      ...subPools.map((s) => member("pool", s, pool)),
    ]),
    ...TOWER_DOMAINS.flatMap(({ domain, towers }) => [
      member("tower", domain),
      ...towers.map((t) => member("tower", t, domain)),
    ]),
    ...SERVICES.map((s) =>
      member("service", s.name, null, s.driver ? { tower: s.tower, driver: s.driver } : { tower: s.tower }),
    ),
    ...consumerGroups.flatMap((group) => [
      member("consumer", group),
      ...BUSINESS_UNITS.filter((u) => u.group === group).map((u) => member("consumer", u.name, group)),
    ]),
    member("consumer", CLOUD_BUSINESS_UNITS),
    ...DRIVERS.map((d) => member("driver", d.name, null, { unit: d.unit })),
  ];
}
