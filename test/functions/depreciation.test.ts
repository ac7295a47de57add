import { depreciationFormula } from "../../src/functions/business-case";
import { cellErrors } from "../../src/functions/cell-errors";
import { CustomFunctionsError } from "../support/custom-functions-runtime";

const METHODS = ["sl", "syd", "ddb", "db", "vdb"] as const;
const invocation = { address: "Assets!F4" } as CustomFunctions.Invocation;

/** The error a DEPRECIATION cell shows, and the reason the task pane keeps for it (omitted arguments as Excel passes them). */
function failure(...args: unknown[]): { code: string; reason: string | undefined } {
  const [cost, salvage, life, method, period] = args;
  try {
    depreciationFormula(cost, salvage, life, method, period, invocation);
  } catch (error) {
    if (!(error instanceof CustomFunctionsError)) throw error;
    return { code: error.code, reason: cellErrors().get("assets!F4")?.message };
  }
  throw new Error(`DEPRECIATION(${args.join(", ")}) gave a value`);
}

describe("ITFM.DEPRECIATION at the edges, with Excel's error of each method's function", () => {
  it("a straight-line life of 0 is #DIV/0!, as SLN gives, for a period and for the schedule", () => {
    expect(failure(1000, 100, 0, "sl", 1)).toEqual({
      code: "#DIV/0!",
      reason: expect.stringMatching(
        /^life: straight-line depreciation divides by the asset life, which is 0/,
      ),
    });
    expect(failure(1000, 100, 0).code).toBe("#DIV/0!");
    expect(failure(1000, 100, 0, null, null).code).toBe("#DIV/0!");
  });

  it("a life of 0 is #NUM! with the other methods, and a negative life with every method", () => {
    for (const method of METHODS) {
      if (method !== "sl") expect(failure(1000, 100, 0, method, 1).code).toBe("#NUM!");
      expect(failure(1000, 100, -5, method, 1)).toEqual({
        code: "#NUM!",
        reason: expect.stringContaining("life: the asset life must be greater than zero (got -5)"),
      });
      expect(failure(1000, 100, -5, method).code).toBe("#NUM!");
    }
  });

  it("period 0, a period below 1 and a period beyond the life are #NUM!, saying which periods exist", () => {
    for (const method of METHODS) {
      expect(failure(1000, 100, 5, method, 0).code).toBe("#NUM!");
      expect(failure(1000, 100, 5, method, 0.5).code).toBe("#NUM!");
      expect(failure(1000, 100, 5, method, 6)).toEqual({
        code: "#NUM!",
        reason: "period: must be a whole number from 1 to 5, the periods of the asset life (got 6)",
      });
    }
    expect(failure(1000, 100, 5, "syd", 0).reason).toBe(
      "period: must be a whole number from 1 to 100000 (got 0)",
    );
  });

  it("a fractional life gives one period as Excel does, but no schedule", () => {
    expect(depreciationFormula(1000, 100, 2.5, "sl", 3)).toEqual([[360]]);
    expect(failure(1000, 100, 2.5, "sl").reason).toMatch(
      /^life: a schedule needs a whole number of periods \(got 2.5\)/,
    );
  });

  it("salvage above cost: SLN and SYD give their formula's negative amount, the declining methods #NUM!", () => {
    expect(depreciationFormula(1000, 1500, 5, "sl", 1)).toEqual([[-100]]);
    expect(depreciationFormula(1000, 1500, 4, "syd", 1)).toEqual([[-200]]);
    for (const method of ["ddb", "db", "vdb"]) {
      expect(failure(1000, 1500, 5, method, 1)).toEqual({
        code: "#NUM!",
        reason: expect.stringMatching(/^salvage: the salvage value \(1500\) is above the cost \(1000\)/),
      });
    }
  });

  it("a negative cost or salvage value: a number with SLN and SYD, #NUM! with DDB, DB and VDB", () => {
    expect(depreciationFormula(-1000, 0, 5, "sl", 1)).toEqual([[-200]]);
    expect(depreciationFormula(1000, -100, 4, "syd", 1)).toEqual([[440]]);
    for (const method of ["ddb", "db", "vdb"]) {
      expect(failure(-1000, 0, 5, method, 1).reason).toMatch(/^cost: /);
      expect(failure(1000, -100, 5, method, 1)).toEqual({
        code: "#NUM!",
        reason: "salvage: the salvage value must not be negative (got -100); enter 0 or more",
      });
    }
  });
});
