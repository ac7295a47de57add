import type { CellQuery, ListDimension } from "../query";

/**
 * The shape of one ITFM formula's spec: its name, what it answers, its example, and each argument
 * in order with the rule it is read by (kind, optional, default, limits, choices) and the words
 * Excel and the Insert builder show for it. The argument readers in src/functions, the task pane's
 * gallery and builder, and the tests all read these specs; the JSDoc of src/functions, from which
 * functions.json is generated, must say the same (test/functions/formula-spec.test.ts checks it).
 */

export type FormulaGroup = "Allocation" | "Business case" | "Forecast" | "Cost model";

export const FORMULA_GROUPS: readonly FormulaGroup[] = [
  "Cost model",
  "Allocation",
  "Business case",
  "Forecast",
];

interface ArgumentTexts {
  /** The parameter's name in Excel, and the name every message about its value starts with. */
  name: string;
  /** The builder's words for it, when its name read as words is not clear enough. */
  label?: string;
  /** Blank or left out is allowed: then the default applies, or the formula's meaning of blank. */
  optional: boolean;
  /** What Excel shows for the parameter: the `@param` text of the formula's JSDoc, word for word. */
  description: string;
  /** What the Insert builder shows under the argument's field. */
  hint: string;
}

/** Cells (a range, passed as a matrix) or a number typed in; the builder offers the selection. */
export interface RangeArgument extends ArgumentTexts {
  kind: "range";
  /** How the reader takes the numbers; without it the formula reads the range by its shape. */
  read?: "list" | "matrix";
  /**
   * Blank cells count as 0 (the default), or those after the last value are left out, or each is
   * refused (every cell needs its value; an optional range left wholly blank is left out).
   */
  blanks?: "zero" | "skip-trailing" | "refuse";
}

/** One number (a 1×1 range counts as its cell). */
export interface NumberArgument extends ArgumentTexts {
  kind: "number";
  /** The value of a blank: a number, or the value of an argument read before this one. */
  default?: number | { sameAs: string };
}

/** A whole number within limits; a fraction is truncated, as Excel does for counts and digits. */
export interface IntegerArgument extends ArgumentTexts {
  kind: "integer";
  min: number;
  max: number;
  default?: number;
}

/** One word of a fixed list, case aside. Without a default the argument is required. */
export interface ChoiceArgument extends ArgumentTexts {
  kind: "choice";
  choices: readonly string[];
  default?: string;
}

/** A member's name: text, or a number such as an account code 6100. */
export interface MemberArgument extends ArgumentTexts {
  kind: "member";
  /** The lists of the model the builder offers names from, the first one first. */
  lists: readonly ListDimension[];
  /** The argument whose value, when it names one of `lists`, narrows the lists to it. */
  listFrom?: string;
  /** Said when a required name is blank: `member: required, e.g. "Compute"`. */
  example?: string;
}

/** A period as text (2027-03, 2027-Q1, 2027, FY2027), a year number, or a date cell (its month). */
export interface PeriodArgument extends ArgumentTexts {
  kind: "period";
  lists: readonly ListDimension[];
  example: string;
}

/** A version of the bound model; blank = the workbook's. */
export interface VersionArgument extends ArgumentTexts {
  kind: "version";
}

export type ArgumentSpec =
  | RangeArgument
  | NumberArgument
  | IntegerArgument
  | ChoiceArgument
  | MemberArgument
  | PeriodArgument
  | VersionArgument;

export interface FormulaSpec {
  /** Called as `=ITFM.<name>(...)`. */
  name: string;
  group: FormulaGroup;
  /** What Excel shows for the formula: the first line of its JSDoc, word for word. */
  description: string;
  /** The gallery's sentence about it. */
  summary: string;
  example: string;
  exampleNote: string;
  /** The cost-model query a remote formula asks; local formulas calculate in the workbook. */
  query?: CellQuery["kind"];
  arguments: readonly ArgumentSpec[];
}

/** Keeps the literal types of a spec (argument names, kinds, choices), so readers return typed values. */
export function defineFormula<const S extends FormulaSpec>(spec: S): S {
  return spec;
}

export function isRemote(spec: FormulaSpec): boolean {
  return spec.query !== undefined;
}

/** The builder's label of an argument: its own, else its Excel name in words ("end_of_life" → "End of life"). */
export function argumentLabel(argument: Pick<ArgumentTexts, "name" | "label">): string {
  if (argument.label !== undefined) return argument.label;
  const words = argument.name.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
