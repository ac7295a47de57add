import { roiInDoubles } from "../engine/roi-float";
import { tcoInDoubles } from "../engine/tco-float";
import type { RoiMetric } from "../engine/roi";
import { type ExcelValue, isBlank, isBlankArgument } from "./arguments";
import { plainNumber, plainNumbers } from "./plain-numbers";

/**
 * ROI and TCO answers in doubles, as Excel computes rates and discounted sums, when every
 * argument is plainly valid and the engine proves the float result within DESIGN.md's
 * tolerances; undefined sends the formula down its exact path, which also reads and names
 * every bad argument.
 */

/** The metrics ROI computes in doubles first: rates and present values. */
const IN_DOUBLES: readonly RoiMetric[] = ["npv", "irr", "mirr"];

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

/** TCO's pv or annual; the nominal total and the schedule are sums of money, always exact. */
export function tcoInDoublesOfCells(
  upfront: ExcelValue,
  recurring: ExcelValue,
  years: ExcelValue,
  rate: ExcelValue,
  escalation: ExcelValue,
  endOfLife: ExcelValue,
  metric: ExcelValue,
): number | undefined {
  const which = typeof metric === "string" ? metric.trim().toLowerCase() : undefined;
  if (which !== "pv" && which !== "annual") return undefined;
  // A range of upfront amounts is summed exactly, so only a single amount is taken as it is.
  const upfrontAmount = plainNumbers(upfront, true);
  const recurringAmounts = plainNumbers(recurring, true);
  const yearCount = isBlank(years) ? undefined : plainNumber(years);
  const [discount, growth, disposal] = [
    plainNumber(rate, 0),
    plainNumber(escalation, 0),
    plainNumber(endOfLife, 0),
  ];
  if (upfrontAmount?.length !== 1 || recurringAmounts === undefined || recurringAmounts.length === 0)
    return undefined;
  if (!isBlank(years) && (yearCount === undefined || !Number.isInteger(yearCount))) return undefined;
  if (discount === undefined || growth === undefined || disposal === undefined) return undefined;
  const answer = tcoInDoubles(
    {
      upfront: upfrontAmount[0],
      recurring: recurringAmounts.length > 1 ? recurringAmounts : recurringAmounts[0],
      years: yearCount,
      rate: discount,
      escalation: growth,
      endOfLife: disposal,
    },
    which,
  );
  return answer === 0 ? 0 : answer;
}
