import { DEPRECIATION_METHODS } from "../../engine/depreciation";
import { ROI_METRICS } from "../../engine/roi";
import { TCO_METRICS } from "../../engine/tco";
import { defineFormula } from "./spec";

export const TCO = defineFormula({
  name: "TCO",
  group: "Business case",
  description:
    "Total cost of ownership: upfront in year 0, recurring costs for years 1..years, end-of-life cost at the end.",
  summary:
    "Total cost of ownership: upfront, recurring with escalation, end of life; total, present value or annual.",
  example: '=ITFM.TCO(250000, 40000, 5, 8%, 3%, -20000, "annual")',
  exampleNote: "Equivalent annual cost of a 250,000 platform over five years at 8%.",
  arguments: [
    {
      name: "upfront",
      label: "Upfront cost",
      kind: "range",
      read: "list",
      optional: false,
      description: "Upfront cost in year 0 (a number or a range, summed).",
      hint: "Year 0 amount, or a range that is summed",
    },
    {
      name: "recurring",
      label: "Recurring cost per year",
      kind: "range",
      optional: false,
      description: "Yearly recurring cost, or a range with one amount per year.",
      hint: "Yearly amount, or one amount per year",
    },
    {
      name: "years",
      kind: "integer",
      optional: true,
      min: 0,
      max: 1000,
      description: "Number of years (may be blank when recurring is a range).",
      hint: "Years of recurring cost",
    },
    {
      name: "rate",
      kind: "number",
      optional: true,
      default: 0,
      description: "Discount rate per year (default 0).",
      hint: "Discount rate, e.g. 8%",
    },
    {
      name: "escalation",
      kind: "number",
      optional: true,
      default: 0,
      description: "Yearly growth of a single recurring amount (default 0).",
      hint: "Yearly growth of the recurring amount",
    },
    {
      name: "end_of_life",
      kind: "number",
      optional: true,
      default: 0,
      description:
        "Net disposal cost at the end of the last year; negative for residual value recovered (default 0).",
      hint: "Disposal cost at the end (negative = residual value)",
    },
    {
      name: "metric",
      kind: "choice",
      optional: true,
      choices: TCO_METRICS,
      default: "total",
      description: '"total" (default), "pv", "annual" or "schedule".',
      hint: "What to return",
    },
  ],
});

export const ROI = defineFormula({
  name: "ROI",
  group: "Business case",
  description: "Business-case metrics of per-period costs and benefits (period 0 first, undiscounted).",
  summary:
    "Business-case metrics from costs and benefits per period or on dates: ROI, NPV, IRR, MIRR, payback, BCR.",
  example: '=ITFM.ROI(B2:B7, C2:C7, 8%, "npv")',
  exampleNote: "Net present value of six periods of costs and benefits at 8%.",
  arguments: [
    {
      name: "costs",
      kind: "range",
      read: "list",
      optional: false,
      description: "Costs per period; blank cells count as 0.",
      hint: "Costs per period, period 0 first",
    },
    {
      name: "benefits",
      kind: "range",
      read: "list",
      optional: false,
      description: "Benefits per period, as many as costs.",
      hint: "Benefits per period, same length",
    },
    {
      name: "rate",
      kind: "number",
      optional: true,
      default: 0,
      description: "Discount rate per period (default 0).",
      hint: "Discount rate per period",
    },
    {
      name: "metric",
      kind: "choice",
      optional: true,
      choices: [...ROI_METRICS, "all"],
      default: "roi",
      description: '"roi" (default), "npv", "irr", "mirr", "payback", "dpayback", "bcr" or "all".',
      hint: "What to return",
    },
    {
      name: "reinvest_rate",
      label: "Reinvestment rate",
      kind: "number",
      optional: true,
      default: { sameAs: "rate" },
      description: 'Reinvestment rate for "mirr" (default: rate).',
      hint: "MIRR reinvestment rate (default: rate)",
    },
    {
      name: "dates",
      kind: "range",
      read: "list",
      blanks: "refuse",
      optional: true,
      description:
        "Date of each period's flow (date cells or serial numbers): npv and irr then follow XNPV and XIRR, paybacks count days.",
      hint: "Date of each flow (XNPV, XIRR); blank for periods",
    },
  ],
});

const amount = <const N extends string>(name: N, description: string, hint: string) =>
  ({ name, kind: "number", optional: false, description, hint }) as const;

export const DEPRECIATION = defineFormula({
  name: "DEPRECIATION",
  group: "Business case",
  description:
    "Depreciation for one period, or the whole schedule when period is blank (agrees with Excel's SLN, SYD, DDB, DB, VDB).",
  summary: "Depreciation for one period, or the whole schedule; matches Excel's SLN, SYD, DDB, DB and VDB.",
  example: '=ITFM.DEPRECIATION(120000, 10000, 5, "ddb")',
  exampleNote: "Double-declining schedule of a 120,000 asset over five years.",
  arguments: [
    amount("cost", "Initial cost of the asset.", "Purchase cost"),
    amount("salvage", "Value at the end of its life.", "Value at the end of its life"),
    amount("life", "Number of periods of its useful life.", "Useful life in periods"),
    {
      name: "method",
      kind: "choice",
      optional: true,
      choices: DEPRECIATION_METHODS,
      default: "sl",
      description: '"sl" (default), "syd", "ddb", "db" or "vdb".',
      hint: "Depreciation method",
    },
    {
      name: "period",
      kind: "integer",
      optional: true,
      min: 1,
      max: 100000,
      description: "Period (1-based); blank for the whole schedule as a column.",
      hint: "Period (1-based); blank = whole schedule",
    },
  ],
});
