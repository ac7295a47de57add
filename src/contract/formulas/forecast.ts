import { RUN_RATE_METHODS } from "../../engine/runrate";
import { defineFormula } from "./spec";

export const RUNRATE = defineFormula({
  name: "RUNRATE",
  group: "Forecast",
  description: "Full-year (or full-horizon) forecast from year-to-date actuals.",
  summary: "Full-year forecast from year-to-date actuals: average, last period or trend.",
  example: '=ITFM.RUNRATE(B2:B7, 12, "trend")',
  exampleNote: "Twelve-month forecast from six months of actuals along their trend.",
  arguments: [
    {
      name: "actuals",
      kind: "range",
      read: "list",
      blanks: "skip-trailing",
      optional: false,
      description:
        "Actuals so far, one per period; blank cells after the last actual are months not reported yet.",
      hint: "Actuals to date, one per period",
    },
    {
      name: "periods_total",
      label: "Periods in the horizon",
      kind: "integer",
      optional: false,
      min: 1,
      max: 100000,
      description: "Number of periods in the horizon (e.g. 12).",
      hint: "Periods in the full horizon, e.g. 12",
    },
    {
      name: "method",
      kind: "choice",
      optional: true,
      choices: RUN_RATE_METHODS,
      default: "average",
      description: '"average" (default), "last" or "trend".',
      hint: "How to extrapolate",
    },
  ],
});
