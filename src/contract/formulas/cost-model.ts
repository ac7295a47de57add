import { ModelField, type ListDimension } from "../query";
import { defineFormula } from "./spec";

/**
 * Every list MEMBERS gives (the contract's ListDimension), in the order people meet them, with
 * what its entries are called. The order is that of MEMBERS' choices and of the builder's groups.
 */
export const MEMBER_LISTS: Readonly<Record<ListDimension, string>> = {
  pool: "Cost pools",
  tower: "Towers",
  service: "Services",
  consumer: "Consumers",
  driver: "Drivers",
  account: "Accounts",
  period: "Periods",
  scenario: "Scenarios",
};

const LIST_DIMENSIONS = Object.keys(MEMBER_LISTS) as ListDimension[];

const PERIOD = {
  name: "period",
  kind: "period",
  optional: false,
  lists: ["period"],
  example: "2027-03",
  description:
    'Month "2027-03", quarter "2027-Q1", year "2027" or fiscal year "FY2027"; a date cell means its month.',
  hint: "Month 2026-03, quarter 2026-Q1, year 2026 or FY2026",
} as const;

const SCENARIO = {
  name: "scenario",
  kind: "member",
  optional: true,
  lists: ["scenario"],
  description: '"Actual", "Budget" or "Forecast"; blank = the workbook\'s scenario.',
  hint: "Actual, Budget or Forecast; blank = the workbook's",
} as const;

const VERSION = {
  name: "version",
  kind: "version",
  optional: true,
  description: "Version label; blank = the workbook's version.",
  hint: "Blank = the workbook's version",
} as const;

const member = <const N extends string>(
  name: N,
  lists: readonly ListDimension[],
  example: string,
  description: string,
  hint: string,
) => ({ name, kind: "member", optional: false, lists, example, description, hint }) as const;

const CONSUMER = member(
  "consumer",
  ["consumer"],
  "a business unit",
  "Business unit or cost center receiving the cost.",
  "Business unit or cost center",
);

export const COST = defineFormula({
  name: "COST",
  group: "Cost model",
  query: "cost",
  description:
    "Cost of a cost pool, tower, service or GL account for a period, roll-ups included, from the bound cost model.",
  summary: "Cost of a cost pool, tower, service or account for a period, roll-ups included.",
  example: '=ITFM.COST("Compute", "2026-03")',
  exampleNote: "March 2026 cost of the Compute tower in the bound model.",
  arguments: [
    member(
      "member",
      ["tower", "pool", "service", "account"],
      '"Compute"',
      'Cost pool, tower, service or account, e.g. "Compute".',
      "Cost pool, tower, service or account",
    ),
    PERIOD,
    SCENARIO,
    VERSION,
  ],
});

export const ALLOCATED = defineFormula({
  name: "ALLOCATED",
  group: "Cost model",
  query: "allocated",
  description:
    "The part of a member's cost the model allocates to a consumer (business unit or cost center).",
  summary: "The part of a pool's, tower's or service's cost the model allocates to a consumer.",
  example: '=ITFM.ALLOCATED("Compute", "E-Commerce", "2026-Q1")',
  exampleNote: "Compute cost charged to E-Commerce in the first quarter.",
  arguments: [
    member(
      "member",
      ["tower", "pool", "service"],
      '"Compute"',
      'Cost pool, tower or service whose cost is allocated, e.g. "Compute".',
      "Cost pool, tower or service",
    ),
    CONSUMER,
    PERIOD,
    SCENARIO,
    VERSION,
  ],
});

export const DRIVER = defineFormula({
  name: "DRIVER",
  group: "Cost model",
  query: "driver",
  description:
    "A driver quantity of a consumer for a period (headcount, servers, storage TB, tickets, users...).",
  summary: "A driver quantity of a consumer: headcount, servers, storage TB, tickets, users.",
  example: '=ITFM.DRIVER("Headcount", "Sales", "2026-03")',
  exampleNote: "Sales headcount in March 2026.",
  arguments: [
    member("driver", ["driver"], '"Headcount"', 'Driver name, e.g. "Headcount".', "Driver"),
    {
      ...CONSUMER,
      lists: ["consumer", "tower", "service"],
      description: "Business unit (or tower or service) the quantity belongs to.",
      hint: "Business unit (or tower or service)",
    },
    PERIOD,
    SCENARIO,
    VERSION,
  ],
});

export const RATE = defineFormula({
  name: "RATE",
  group: "Cost model",
  query: "rate",
  description: "Unit rate of a service (cost per driver unit) for showback and chargeback.",
  summary: "Unit rate of a service (cost per driver unit) for showback and chargeback.",
  example: '=ITFM.RATE("Virtual Servers", "2026-03")',
  exampleNote: "Cost per server of the Virtual Servers service in March 2026.",
  arguments: [
    member("service", ["service"], "a service name", "Service name.", "Service"),
    PERIOD,
    SCENARIO,
    VERSION,
  ],
});

export const LINES = defineFormula({
  name: "LINES",
  group: "Cost model",
  query: "lines",
  description:
    "The cost lines under a member for a period, as a spilled table with a header row (at most 10,000 lines).",
  summary: "The cost lines under a pool, tower, service, account or consumer, as a table.",
  example: '=ITFM.LINES("Compute", "2026-03")',
  exampleNote: "Every cost line booked to the Compute tower in March 2026, one per row.",
  arguments: [
    member(
      "member",
      ["pool", "tower", "service", "account", "consumer"],
      '"Compute"',
      'Cost pool, tower, service, account or consumer whose lines to list, e.g. "Compute".',
      "Cost pool, tower, service, account or consumer",
    ),
    PERIOD,
    SCENARIO,
    VERSION,
  ],
});

export const MEMBERS = defineFormula({
  name: "MEMBERS",
  group: "Cost model",
  query: "members",
  description: "Names of the members of a dimension, as a spilled column.",
  summary: "The members of a dimension as a spilled list, e.g. for row labels.",
  example: '=ITFM.MEMBERS("tower")',
  exampleNote: "Every tower of the model, one per row.",
  arguments: [
    {
      name: "dimension",
      label: "List of",
      kind: "choice",
      optional: false,
      choices: LIST_DIMENSIONS,
      description: "pool, tower, service, consumer, driver, account, period or scenario.",
      hint: "Which list",
    },
    {
      name: "parent",
      kind: "member",
      optional: true,
      lists: ["pool", "tower", "service", "consumer", "account"],
      listFrom: "dimension",
      description: "Only the members under this parent; blank = all.",
      hint: "Only the members under this parent",
    },
    VERSION,
  ],
});

export const MODEL = defineFormula({
  name: "MODEL",
  group: "Cost model",
  query: "model",
  description: "Facts about the bound model for report headers.",
  summary: "Facts about the bound model for report headers: name, version, status, currency.",
  example: '=ITFM.MODEL("version")',
  exampleNote: "The version this workbook shows, for the report header.",
  arguments: [
    {
      name: "field",
      label: "Fact",
      kind: "choice",
      optional: false,
      choices: ModelField.options,
      description: "name, version, status, published, currency or server.",
      hint: "Which fact",
    },
    VERSION,
  ],
});
