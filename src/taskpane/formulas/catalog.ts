/**
 * Every ITFM formula as the Insert gallery and builder present it: what it answers, an example,
 * and how each argument is picked. Names and argument order are the formula contract.
 */

/** Dimensions a MEMBERS query lists (the builder's searchable lists). */
export type MemberDimension =
  "pool" | "tower" | "service" | "consumer" | "driver" | "account" | "period" | "scenario";

export type ArgumentInput =
  /** A cell or range (from the selection), or a number typed in. */
  | { kind: "range" }
  | { kind: "number" }
  | { kind: "choice"; choices: readonly string[] }
  /**
   * A member picked from the service; the first dimension is the default list. `dimensionFrom`
   * names the argument whose value is the dimension (MEMBERS' parent).
   */
  | { kind: "member"; dimensions: readonly MemberDimension[]; dimensionFrom?: string }
  /** A version of the bound model; blank = the workbook's. */
  | { kind: "version" };

export interface FormulaArgument {
  name: string;
  optional: boolean;
  hint: string;
  input: ArgumentInput;
}

export type FormulaGroup = "Allocation" | "Business case" | "Forecast" | "Cost model";

export interface FormulaEntry {
  name: string;
  group: FormulaGroup;
  /** Local ones calculate in the workbook; the others ask the cost-model service. */
  remote: boolean;
  summary: string;
  example: string;
  exampleNote: string;
  arguments: readonly FormulaArgument[];
}

const range = (name: string, hint: string): FormulaArgument => ({
  name,
  optional: false,
  hint,
  input: { kind: "range" },
});
const number = (name: string, hint: string, optional = true): FormulaArgument => ({
  name,
  optional,
  hint,
  input: { kind: "number" },
});
const choice = (
  name: string,
  hint: string,
  choices: readonly string[],
  optional = true,
): FormulaArgument => ({
  name,
  optional,
  hint,
  input: { kind: "choice", choices },
});
const member = (
  name: string,
  hint: string,
  dimensions: readonly MemberDimension[],
  optional = false,
): FormulaArgument => ({
  name,
  optional,
  hint,
  input: { kind: "member", dimensions },
});
const PERIOD = member("period", "Month 2026-03, quarter 2026-Q1, year 2026 or FY2026", ["period"]);
const SCENARIO = member("scenario", "Actual, Budget or Forecast; blank = the workbook's", ["scenario"], true);
const VERSION: FormulaArgument = {
  name: "version",
  optional: true,
  hint: "Blank = the workbook's version",
  input: { kind: "version" },
};
const DECIMALS = number("decimals", "Decimal places of each share (default 2)");

export const FORMULAS: readonly FormulaEntry[] = [
  {
    name: "ALLOCATE",
    group: "Allocation",
    remote: false,
    summary:
      "Splits an amount in proportion to drivers, exact to the cent: the shares always add up to the amount.",
    example: "=ITFM.ALLOCATE(B2, C2:C13)",
    exampleNote: "The cost in B2 shared over the headcount of twelve business units.",
    arguments: [
      range("amount", "Amount, or a column of amounts allocated row by row"),
      range("drivers", "Driver quantities, any shape; blanks count as 0"),
      DECIMALS,
      choice("method", "How the last cents are placed", ["largest", "plug", "none"]),
    ],
  },
  {
    name: "STEPDOWN",
    group: "Allocation",
    remote: false,
    summary: "Step-down allocation of support departments to operating departments, in step order.",
    example: "=ITFM.STEPDOWN(B2:B3, C2:G3)",
    exampleNote: "Two support departments passed on to three operating departments.",
    arguments: [
      range("costs", "Support department costs, one column in step order"),
      range("usage", "Driver quantities: one row per support department"),
      DECIMALS,
    ],
  },
  {
    name: "RECIPROCAL",
    group: "Allocation",
    remote: false,
    summary: "Reciprocal allocation: support departments that serve each other, solved simultaneously.",
    example: "=ITFM.RECIPROCAL(B2:B3, C2:G3)",
    exampleNote: "The same departments as STEPDOWN, with their mutual services counted.",
    arguments: [
      range("costs", "Support department costs, one column"),
      range("usage", "Driver quantities: one row per support department"),
      DECIMALS,
    ],
  },
  {
    name: "TCO",
    group: "Business case",
    remote: false,
    summary:
      "Total cost of ownership: upfront, recurring with escalation, end of life; total, present value or annual.",
    example: '=ITFM.TCO(250000, 40000, 5, 8%, 3%, -20000, "annual")',
    exampleNote: "Equivalent annual cost of a 250,000 platform over five years at 8%.",
    arguments: [
      range("upfront", "Year 0 amount, or a range that is summed"),
      range("recurring", "Yearly amount, or one amount per year"),
      number("years", "Years of recurring cost"),
      number("rate", "Discount rate, e.g. 8%"),
      number("escalation", "Yearly growth of the recurring amount"),
      number("end_of_life", "Disposal cost at the end (negative = residual value)"),
      choice("metric", "What to return", ["total", "pv", "annual", "schedule"]),
    ],
  },
  {
    name: "ROI",
    group: "Business case",
    remote: false,
    summary: "Business-case metrics from costs and benefits per period: ROI, NPV, IRR, MIRR, payback, BCR.",
    example: '=ITFM.ROI(B2:B7, C2:C7, 8%, "npv")',
    exampleNote: "Net present value of six periods of costs and benefits at 8%.",
    arguments: [
      range("costs", "Costs per period, period 0 first"),
      range("benefits", "Benefits per period, same length"),
      number("rate", "Discount rate per period"),
      choice("metric", "What to return", ["roi", "npv", "irr", "mirr", "payback", "dpayback", "bcr", "all"]),
      number("reinvest_rate", "MIRR reinvestment rate (default: rate)"),
    ],
  },
  {
    name: "DEPRECIATION",
    group: "Business case",
    remote: false,
    summary: "Depreciation for one period, or the whole schedule; matches Excel's SLN, SYD, DDB, DB and VDB.",
    example: '=ITFM.DEPRECIATION(120000, 10000, 5, "ddb")',
    exampleNote: "Double-declining schedule of a 120,000 asset over five years.",
    arguments: [
      number("cost", "Purchase cost", false),
      number("salvage", "Value at the end of its life", false),
      number("life", "Useful life in periods", false),
      choice("method", "Depreciation method", ["sl", "syd", "ddb", "db", "vdb"]),
      number("period", "Period (1-based); blank = whole schedule"),
    ],
  },
  {
    name: "RUNRATE",
    group: "Forecast",
    remote: false,
    summary: "Full-year forecast from year-to-date actuals: average, last period or trend.",
    example: '=ITFM.RUNRATE(B2:B7, 12, "trend")',
    exampleNote: "Twelve-month forecast from six months of actuals along their trend.",
    arguments: [
      range("actuals", "Actuals to date, one per period"),
      number("periods_total", "Periods in the full horizon, e.g. 12", false),
      choice("method", "How to extrapolate", ["average", "last", "trend"]),
    ],
  },
  {
    name: "COST",
    group: "Cost model",
    remote: true,
    summary: "Cost of a cost pool, tower, service or account for a period, roll-ups included.",
    example: '=ITFM.COST("Compute", "2026-03")',
    exampleNote: "March 2026 cost of the Compute tower in the bound model.",
    arguments: [
      member("member", "Cost pool, tower, service or account", ["tower", "pool", "service", "account"]),
      PERIOD,
      SCENARIO,
      VERSION,
    ],
  },
  {
    name: "ALLOCATED",
    group: "Cost model",
    remote: true,
    summary: "The part of a pool's, tower's or service's cost the model allocates to a consumer.",
    example: '=ITFM.ALLOCATED("Compute", "E-Commerce", "2026-Q1")',
    exampleNote: "Compute cost charged to E-Commerce in the first quarter.",
    arguments: [
      member("member", "Cost pool, tower or service", ["tower", "pool", "service"]),
      member("consumer", "Business unit or cost center", ["consumer"]),
      PERIOD,
      SCENARIO,
      VERSION,
    ],
  },
  {
    name: "DRIVER",
    group: "Cost model",
    remote: true,
    summary: "A driver quantity of a consumer: headcount, servers, storage TB, tickets, users.",
    example: '=ITFM.DRIVER("Headcount", "Sales", "2026-03")',
    exampleNote: "Sales headcount in March 2026.",
    arguments: [
      member("driver", "Driver", ["driver"]),
      member("consumer", "Business unit (or tower or service)", ["consumer", "tower", "service"]),
      PERIOD,
      SCENARIO,
      VERSION,
    ],
  },
  {
    name: "RATE",
    group: "Cost model",
    remote: true,
    summary: "Unit rate of a service (cost per driver unit) for showback and chargeback.",
    example: '=ITFM.RATE("Virtual Servers", "2026-03")',
    exampleNote: "Cost per server of the Virtual Servers service in March 2026.",
    arguments: [member("service", "Service", ["service"]), PERIOD, SCENARIO, VERSION],
  },
  {
    name: "MEMBERS",
    group: "Cost model",
    remote: true,
    summary: "The members of a dimension as a spilled list, e.g. for row labels.",
    example: '=ITFM.MEMBERS("tower")',
    exampleNote: "Every tower of the model, one per row.",
    arguments: [
      choice(
        "dimension",
        "Which list",
        ["pool", "tower", "service", "consumer", "driver", "account", "period", "scenario"],
        false,
      ),
      {
        name: "parent",
        optional: true,
        hint: "Only the members under this parent",
        input: {
          kind: "member",
          dimensions: ["pool", "tower", "service", "consumer", "account"],
          dimensionFrom: "dimension",
        },
      },
      VERSION,
    ],
  },
  {
    name: "MODEL",
    group: "Cost model",
    remote: true,
    summary: "Facts about the bound model for report headers: name, version, status, currency.",
    example: '=ITFM.MODEL("version")',
    exampleNote: "The version this workbook shows, for the report header.",
    arguments: [
      choice("field", "Which fact", ["name", "version", "status", "published", "currency", "server"], false),
      VERSION,
    ],
  },
];

export const FORMULA_GROUPS: readonly FormulaGroup[] = [
  "Allocation",
  "Business case",
  "Forecast",
  "Cost model",
];

export function formulaNamed(name: string): FormulaEntry | undefined {
  return FORMULAS.find((entry) => entry.name === name);
}
