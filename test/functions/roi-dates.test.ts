import { readArguments } from "../../src/functions/read-arguments";
import { ROI } from "../../src/contract/formulas";
import { roiFormula } from "../../src/functions/business-case";
import { cellErrors } from "../../src/functions/cell-errors";
import { CustomFunctionsError, cellErrorOf } from "../support/custom-functions-runtime";

// Microsoft's XNPV and XIRR example as a business case, as Excel hands the cells: a column each,
// the dates as serials (2008-01-01, 2008-03-01, 2008-10-30, 2009-02-15, 2009-04-01).
const costs = [[10000], [0], [0], [0], [0]];
const benefits = [[0], [2750], [4250], [3250], [2750]];
const dates = [[39448], [39508], [39751], [39859], [39904]];

type Args = Parameters<typeof roiFormula>;

function value(...args: Args): number {
  return roiFormula(...args)[0][0] as number;
}

function errorOf(...args: Args): CustomFunctionsError {
  return cellErrorOf(() => roiFormula(...args));
}

describe("=ITFM.ROI(costs, benefits, rate, metric, reinvest_rate, dates)", () => {
  it("answers npv and irr as Excel's XNPV and XIRR", () => {
    expect(value(costs, benefits, 0.09, "npv", undefined, dates)).toBeCloseTo(2086.6476020315, 9);
    expect(value(costs, benefits, 0.09, "irr", null, dates)).toBeCloseTo(0.3733625335, 9);
    expect(value(costs, benefits, 0.09, "bcr", undefined, dates)).toBeCloseTo(1.20866476, 8);
  });

  it("counts paybacks in days and ignores the time of day in date cells", () => {
    const withTimes = dates.map(([serial]) => [serial + 0.75]);
    expect(value(costs, benefits, 0.09, "payback", undefined, withTimes)).toBeCloseTo(402.6923077, 6);
  });

  it("takes dates in a row as well as a column", () => {
    const row = [dates.map(([serial]) => serial)];
    expect(value(costs, benefits, 0.09, "npv", undefined, row)).toBeCloseTo(2086.6476020315, 9);
  });

  it("is periodic when dates is left out or a single blank cell", () => {
    const periodic = value(costs, benefits, 0.09, "npv");
    expect(value(costs, benefits, 0.09, "npv", undefined, undefined)).toBe(periodic);
    expect(value(costs, benefits, 0.09, "npv", undefined, [[null]])).toBe(periodic);
    expect(value(costs, benefits, 0.09, "npv", undefined, [[""]])).toBe(periodic);
    expect(periodic).not.toBeCloseTo(2086.65, 0);
  });

  it('spills every metric for "all", mirr as #VALUE! saying to leave dates blank', () => {
    const table = roiFormula(costs, benefits, 0.09, "all", undefined, dates);
    expect(table.map(([name]) => name)).toEqual(["roi", "npv", "irr", "mirr", "payback", "dpayback", "bcr"]);
    expect(table[1][1]).toBeCloseTo(2086.6476020315, 9);
    const mirr = table[3][1] as CustomFunctionsError;
    expect(mirr).toBeInstanceOf(CustomFunctionsError);
    expect(mirr.code).toBe("#VALUE!");
    expect(mirr.message).toContain("leave dates blank for mirr");
  });

  it("names both counts when the dates do not match the periods", () => {
    const error = errorOf(costs, benefits, 0.09, "npv", undefined, dates.slice(0, 4));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toBe(
      "dates: 4 dates, but costs and benefits have 5 periods; give one date per period",
    );
  });

  it("names a blank date cell, and a date typed as text", () => {
    const blank = errorOf(costs, benefits, 0.09, "npv", undefined, [
      [39448],
      [39508],
      [null],
      [39859],
      [39904],
    ]);
    expect(blank.code).toBe("#VALUE!");
    expect(blank.message).toBe(
      "dates: row 3, column 1 is blank; fill in every cell of dates, or leave dates out",
    );
    const text = errorOf(costs, benefits, 0.09, "npv", undefined, [
      [39448],
      ["2008-03-01"],
      [39751],
      [39859],
      [39904],
    ]);
    expect(text.code).toBe("#VALUE!");
    expect(text.message).toBe('dates: row 2, column 1 is text "2008-03-01", not a number');
  });

  it("is #VALUE! for a number that is no date, #NUM! for a date before the first", () => {
    const notADate = errorOf(costs, benefits, 0.09, "irr", undefined, [
      [39448],
      [-2],
      [39751],
      [39859],
      [39904],
    ]);
    expect(notADate.code).toBe("#VALUE!");
    expect(notADate.message).toContain("dates: the 2nd date (-2) is not a date");
    const early = [[39508], [39448], [39751], [39859], [39904]];
    expect(errorOf(costs, benefits, 0.09, "npv", undefined, early).code).toBe("#NUM!");
    // Excel shows no message on #NUM!; the task pane's diagnostics show why.
    errorOf(costs, benefits, 0.09, "npv", undefined, early, {
      address: "Case!B9",
    } as CustomFunctions.Invocation);
    expect(cellErrors().get("case!B9")?.message).toBe(
      "dates: the 2nd date, 2008-01-01, is before the first date, 2008-03-01: put the earliest date first",
    );
  });

  it("is #NUM! for an irr on dated flows without a sign change", () => {
    expect(errorOf([[0], [0]], [[5], [10]], 0.1, "irr", undefined, [[45000], [45100]]).code).toBe("#NUM!");
  });

  it("reads dates by the spec: left out, or one number per cell", () => {
    expect(readArguments(ROI, { dates: undefined }).dates).toBeUndefined();
    expect(readArguments(ROI, { dates: [[45000, 45031.5]] }).dates?.map(String)).toEqual([
      "45000",
      "45031.5",
    ]);
  });
});
