import { ALLOCATE, COST, MEMBERS, ROI, RUNRATE, TCO } from "../../src/contract/formulas";
import { notAPeriod } from "../../src/contract/period";
import { Decimal } from "../../src/engine/decimal";
import { CalcError } from "../../src/engine/errors";
import { readArguments, readQuery } from "../../src/functions/read-arguments";

/** The error a read fails with, as kind and message. */
function failure(read: () => unknown): { kind: string; message: string } {
  try {
    read();
  } catch (error) {
    if (error instanceof CalcError) return { kind: error.kind, message: error.message };
    throw error;
  }
  throw new Error("the read did not fail");
}

describe("reading a formula's arguments by its spec", () => {
  it("gives defaults for blanks and keeps whole numbers within their limits", () => {
    expect(readArguments(ALLOCATE, { decimals: undefined, method: "" })).toEqual({
      decimals: 2,
      method: "largest",
    });
    expect(readArguments(ALLOCATE, { decimals: 3.9, method: " PLUG " })).toEqual({
      decimals: 3,
      method: "plug",
    });
    expect(failure(() => readArguments(ALLOCATE, { decimals: 11 }))).toEqual({
      kind: "num",
      message: "decimals: must be a whole number from 0 to 10 (got 11)",
    });
    expect(failure(() => readArguments(ALLOCATE, { method: "biggest" }))).toEqual({
      kind: "value",
      message: 'method: must be one of largest, plug, none (got text "biggest")',
    });
  });

  it("reads ranges as lists or matrices, naming the cell of bad input", () => {
    const read = readArguments(RUNRATE, { actuals: [[1], [null], [2], [null], [""]] });
    expect(read.actuals.map(String)).toEqual(["1", "0", "2"]);
    expect(failure(() => readArguments(ROI, { costs: [[1], [2], ["abc"]] }))).toEqual({
      kind: "value",
      message: 'costs: row 3, column 1 is text "abc", not a number',
    });
  });

  it("reads in the order given, and a default may be another argument's value", () => {
    const read = readArguments(ROI, { rate: 0.08, reinvest_rate: null });
    expect(read.reinvest_rate).toEqual(new Decimal("0.08"));
    expect(failure(() => readArguments(TCO, { metric: "bogus", years: "x" })).message).toMatch(/^metric: /);
    expect(failure(() => readArguments(TCO, { years: "x", metric: "bogus" })).message).toMatch(/^years /);
    expect(readArguments(TCO, { years: "" }).years).toBeUndefined();
  });

  it("refuses an argument the spec does not have", () => {
    expect(() => readArguments(COST, { colour: 1 } as never)).toThrow("COST has no argument colour");
  });
});

describe("reading a remote formula's query", () => {
  it("names a member by text or number, and a period by text, year or date cell", () => {
    expect(readQuery(COST, { member: " Compute ", period: 46096.75, scenario: "", version: null })).toEqual({
      kind: "cost",
      member: "Compute",
      period: "2026-03",
    });
    expect(readQuery(COST, { member: 6100, period: 2026 })).toMatchObject({ member: "6100", period: "2026" });
  });

  it("says what is wrong with the first bad argument as the client would", () => {
    expect(failure(() => readQuery(COST, { member: "Compute", period: "" }))).toEqual({
      kind: "value",
      message: "period: required, e.g. 2027-03",
    });
    expect(failure(() => readQuery(COST, { member: "Compute", period: "March" }))).toEqual({
      kind: "value",
      message: notAPeriod("March"),
    });
    expect(failure(() => readQuery(COST, { member: "Compute", period: "March 2026" }))).toEqual({
      kind: "value",
      message:
        '"March 2026" is not a period: type a month such as 2026-03, a quarter such as 2026-Q1, a year such as 2026 or a fiscal year such as FY2026',
    });
    expect(failure(() => readQuery(COST, { member: "x".repeat(201), period: "March" })).message).toBe(
      "member: must be at most 200 characters",
    );
    expect(failure(() => readQuery(COST, { member: true, period: "2026-03" })).message).toBe(
      "member: expected a name as text, got TRUE",
    );
    expect(failure(() => readQuery(MEMBERS, { dimension: null })).message).toBe(
      "dimension: required, one of pool, tower, service, consumer, driver, account, period, scenario",
    );
    expect(readQuery(MEMBERS, { dimension: " Tower ", parent: "Infrastructure Domain" })).toEqual({
      kind: "members",
      dimension: "tower",
      parent: "Infrastructure Domain",
    });
  });
});
