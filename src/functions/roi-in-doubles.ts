import { roiInDoubles } from "../engine/roi-float";
import type { RoiMetric } from "../engine/roi";
import { type ExcelValue, isBlank, isBlankArgument } from "./arguments";
import { plainNumber, plainNumbers } from "./plain-numbers";

/** The metrics ROI computes in doubles first: rates and present values, as Excel does. */
const IN_DOUBLES: readonly RoiMetric[] = ["npv", "irr", "mirr"];

/**
 * ROI's answer in doubles when every argument is plainly valid and the engine proves the float
 * result within DESIGN.md's tolerances; undefined sends the formula down its exact path, which
 * also reads and names every bad argument.
 */
export function roiInDoublesOfCells(
  costs: ExcelValue,
  benefits: ExcelValue,
  rate: ExcelValue,
  metric: ExcelValue,
  reinvestRate: ExcelValue,
  dates: ExcelValue,
): number | undefined {
  const which = typeof metric === "string" ? (metric.trim().toLowerCase() as RoiMetric) : undefined;
  if (which === undefined || !IN_DOUBLES.includes(which)) return undefined;
  const costList = plainNumbers(costs, true);
  const benefitList = plainNumbers(benefits, true);
  const discount = plainNumber(rate, 0);
  const reinvest = isBlank(reinvestRate) ? undefined : plainNumber(reinvestRate);
  const dated = !isBlankArgument(dates);
  const dateList = dated ? plainNumbers(dates, false) : undefined;
  if (costList === undefined || benefitList === undefined || discount === undefined) return undefined;
  if ((!isBlank(reinvestRate) && reinvest === undefined) || (dated && dateList === undefined)) {
    return undefined;
  }
  const answer = roiInDoubles(costList, benefitList, discount, which, reinvest, dateList);
  return answer === 0 ? 0 : answer;
}
