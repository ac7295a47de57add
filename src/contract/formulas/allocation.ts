import { ALLOCATION_METHODS, MAX_DECIMALS } from "../../engine/allocation";
import { defineFormula } from "./spec";

const decimals = (description: string) =>
  ({
    name: "decimals",
    label: "Decimal places",
    kind: "integer",
    optional: true,
    min: 0,
    max: MAX_DECIMALS,
    default: 2,
    description,
    hint: "Decimal places of each share (default 2)",
  }) as const;

const USAGE = {
  name: "usage",
  kind: "range",
  read: "matrix",
  optional: false,
  description:
    "k rows × (k + p) columns: each department's driver quantities used by the k support departments, then by the p operating departments.",
  hint: "Driver quantities: one row per support department",
} as const;

export const ALLOCATE = defineFormula({
  name: "ALLOCATE",
  group: "Allocation",
  description:
    "Splits an amount in proportion to drivers, exact to the cent: the result always adds up to ROUND(amount, decimals).",
  summary:
    "Splits an amount in proportion to drivers, exact to the cent: the shares always add up to the amount.",
  example: "=ITFM.ALLOCATE(B2, C2:C13)",
  exampleNote: "The cost in B2 shared over the headcount of twelve business units.",
  arguments: [
    {
      name: "amount",
      kind: "range",
      optional: false,
      description:
        "Amount to allocate; a column of amounts is allocated row by row over the rows of drivers.",
      hint: "Amount, or a column of amounts allocated row by row",
    },
    {
      name: "drivers",
      kind: "range",
      optional: false,
      description: "Driver quantities (any shape); blank cells count as 0.",
      hint: "Driver quantities, any shape; blanks count as 0",
    },
    decimals("Decimal places of each share (default 2)."),
    {
      name: "method",
      kind: "choice",
      optional: true,
      choices: ALLOCATION_METHODS,
      default: "largest",
      description:
        '"largest" (largest remainder, default), "plug" (difference on the largest share) or "none" (no rounding).',
      hint: "How the last cents are placed",
    },
  ],
});

export const STEPDOWN = defineFormula({
  name: "STEPDOWN",
  group: "Allocation",
  description: "Step-down (sequential) allocation of support departments to operating departments.",
  summary: "Step-down allocation of support departments to operating departments, in step order.",
  example: "=ITFM.STEPDOWN(B2:B3, C2:G3)",
  exampleNote: "Two support departments passed on to three operating departments.",
  arguments: [
    {
      name: "costs",
      kind: "range",
      read: "list",
      optional: false,
      description: "Costs of the k support departments, one column in step order.",
      hint: "Support department costs, one column in step order",
    },
    USAGE,
    decimals("Decimal places (default 2)."),
  ],
});

export const RECIPROCAL = defineFormula({
  name: "RECIPROCAL",
  group: "Allocation",
  description:
    "Reciprocal (simultaneous equations) allocation of support departments to operating departments.",
  summary: "Reciprocal allocation: support departments that serve each other, solved simultaneously.",
  example: "=ITFM.RECIPROCAL(B2:B3, C2:G3)",
  exampleNote: "The same departments as STEPDOWN, with their mutual services counted.",
  arguments: [
    {
      name: "costs",
      kind: "range",
      read: "list",
      optional: false,
      description: "Costs of the k support departments, one column.",
      hint: "Support department costs, one column",
    },
    USAGE,
    decimals("Decimal places (default 2)."),
  ],
});
