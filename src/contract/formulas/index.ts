import { ALLOCATE, RECIPROCAL, STEPDOWN } from "./allocation";
import { DEPRECIATION, ROI, TCO } from "./business-case";
import { ALLOCATED, COST, DRIVER, LINES, MEMBERS, MODEL, RATE } from "./cost-model";
import { RUNRATE } from "./forecast";
import type { FormulaSpec } from "./spec";

export * from "./spec";
export { ALLOCATE, RECIPROCAL, STEPDOWN } from "./allocation";
export { DEPRECIATION, ROI, TCO } from "./business-case";
export { ALLOCATED, COST, DRIVER, LINES, MEMBER_LISTS, MEMBERS, MODEL, RATE } from "./cost-model";
export { RUNRATE } from "./forecast";

/**
 * Every ITFM formula, in the order the Insert gallery shows them: what a controller uses most
 * first (the cost model's numbers), then the calculations done in Excel.
 */
export const FORMULAS: readonly FormulaSpec[] = [
  COST,
  ALLOCATED,
  RATE,
  DRIVER,
  LINES,
  MEMBERS,
  MODEL,
  ALLOCATE,
  STEPDOWN,
  RECIPROCAL,
  TCO,
  ROI,
  DEPRECIATION,
  RUNRATE,
];

export function formulaNamed(name: string): FormulaSpec | undefined {
  return FORMULAS.find((spec) => spec.name === name);
}
