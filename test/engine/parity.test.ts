import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ParityEntry, ParityFixture, ParityInput } from "../../scripts/parity/cases";
import { engineOutcome } from "../../scripts/parity/evaluate";
import { xnpv } from "../../src/engine/dated-flows";
import { Decimal, sum } from "../../src/engine/decimal";
import { CalcError, type CalcErrorKind } from "../../src/engine/errors";
import { xirrOfNumbers, xnpvOfNumbers } from "../../src/engine/dated-flows-float";
import { roiOfNumbers } from "../../src/engine/roi-float";
import { presentValueFromZero } from "../../src/engine/tvm";
import { irrOfNumbers, mirrOfNumbers, npvOfNumbers } from "../../src/engine/tvm-float";

const fixture = JSON.parse(
  readFileSync(join(__dirname, "../fixtures/parity/libreoffice.json"), "utf8"),
) as ParityFixture;

/** LibreOffice's error texts and the Excel error each stands for in these functions. */
const LIBREOFFICE_ERROR_KINDS: Record<string, CalcErrorKind> = {
  "#NUM!": "num",
  "#DIV/0!": "div0",
  "#VALUE!": "value",
  "#N/A": "na",
  // Invalid argument: Excel shows #NUM! for depreciation arguments out of range.
  "Err:502": "num",
  // No convergence: Excel's IRR shows #NUM!.
  "Err:523": "num",
};

const D = (x: string | number) => new Decimal(x);
const list = (xs: readonly string[]) => xs.map(D);

function isRate(input: ParityInput): boolean {
  return (
    input.fn === "IRR" ||
    input.fn === "XIRR" ||
    input.fn === "MIRR" ||
    (input.fn === "ROI" && input.metric !== "npv")
  );
}

/** Rates (and ratios) to 1e-7; amounts to max(1e-6, 1e-9 × |value|). */
function tolerance(input: ParityInput, expected: Decimal): Decimal {
  if (isRate(input)) return D("1e-7");
  return Decimal.max(D("1e-6"), expected.abs().times("1e-9"));
}

/** The present value at `rate` of the flows whose IRR or XIRR a case asks for, or null when it asks for none. */
function valueAtRate(input: ParityInput, rate: Decimal): { value: Decimal; scale: Decimal } | null {
  const net = (costs: string[], benefits: string[]) => benefits.map((b, t) => D(b).minus(costs[t]));
  let flows: Decimal[];
  let dates: string[] | undefined;
  if (input.fn === "IRR") flows = list(input.flows);
  else if (input.fn === "XIRR") [flows, dates] = [list(input.flows), input.dates];
  else if (input.fn === "ROI" && input.metric === "irr")
    [flows, dates] = [net(input.costs, input.benefits), input.dates];
  else return null;
  const value = dates === undefined ? presentValueFromZero(rate, flows) : xnpv(rate, flows, list(dates));
  return { value, scale: sum(flows.map((f) => f.abs())) };
}

function expectError(result: Decimal | CalcError, kind: CalcErrorKind): void {
  expect(result).toBeInstanceOf(CalcError);
  expect((result as CalcError).kind).toBe(kind);
  expect((result as CalcError).message.length).toBeGreaterThan(10);
}

/** Excel's errors at the documented edges, as the engine's kinds. */
const EXCEL_EDGE_KINDS: Record<string, CalcErrorKind> = { "#NUM!": "num", "#DIV/0!": "div0" };

function checkCase(entry: ParityEntry): void {
  const result = engineOutcome(entry.input);
  const spreadsheet = entry.libreoffice;
  if (entry.excel === "a number") expect(result).not.toBeInstanceOf(CalcError);
  else if (entry.excel !== undefined) expectError(result, EXCEL_EDGE_KINDS[entry.excel]);
  if (entry.excelDiffers) {
    expectError(result, entry.excelDiffers.engine);
    // The divergence is real: LibreOffice gives a value or a different error.
    if ("error" in spreadsheet) {
      expect(LIBREOFFICE_ERROR_KINDS[spreadsheet.error]).not.toBe(entry.excelDiffers.engine);
    }
    return;
  }
  if ("error" in spreadsheet) {
    const kind = LIBREOFFICE_ERROR_KINDS[spreadsheet.error];
    expect(kind).toBeDefined();
    const root = result instanceof CalcError ? null : valueAtRate(entry.input, result);
    if (spreadsheet.error === "Err:523" && root) {
      // LibreOffice, like Excel, gives up after a number of Newton steps; the engine must then find a true root.
      expect(root.value.abs().lte(root.scale.times("1e-20"))).toBe(true);
      return;
    }
    expectError(result, kind);
    return;
  }
  expect(result).not.toBeInstanceOf(CalcError);
  const expected = D(spreadsheet.value);
  const difference = (result as Decimal).minus(expected).abs();
  if (difference.gt(tolerance(entry.input, expected))) {
    throw new Error(
      `${entry.formula}: engine ${(result as Decimal).toString()}, LibreOffice ${spreadsheet.value}`,
    );
  }
}

const numbers = (xs: readonly string[]) => xs.map(Number);
const optionalNumber = (x: string | undefined) => (x === undefined ? undefined : Number(x));

/** What the formulas compute in doubles first, on the case's workbook numbers; null when it has no such path. */
function inDoubles(input: ParityInput): (() => number) | null {
  switch (input.fn) {
    case "NPV":
      return () => npvOfNumbers(Number(input.rate), numbers(input.flows));
    case "IRR":
      return () => irrOfNumbers(numbers(input.flows), optionalNumber(input.guess));
    case "MIRR":
      return () => mirrOfNumbers(numbers(input.flows), Number(input.financeRate), Number(input.reinvestRate));
    case "XNPV":
      return () => xnpvOfNumbers(Number(input.rate), numbers(input.flows), numbers(input.dates));
    case "XIRR":
      return () => xirrOfNumbers(numbers(input.flows), numbers(input.dates), optionalNumber(input.guess));
    case "ROI":
      return () =>
        roiOfNumbers(
          numbers(input.costs),
          numbers(input.benefits),
          Number(input.rate),
          input.metric,
          optionalNumber(input.reinvestRate),
          input.dates && numbers(input.dates),
        );
    default:
      return null;
  }
}

describe("the float path, on every parity case it applies to", () => {
  const cases = fixture.cases.filter((c) => inDoubles(c.input) !== null);

  it("covers the rate and present-value functions", () => {
    expect(new Set(cases.map((c) => c.input.fn))).toEqual(
      new Set(["NPV", "IRR", "MIRR", "XNPV", "XIRR", "ROI"]),
    );
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s agrees with the exact engine", (_id, entry) => {
    const exact = engineOutcome(entry.input);
    let float: number | CalcError;
    try {
      float = inDoubles(entry.input)!();
    } catch (error) {
      if (!(error instanceof CalcError)) throw error;
      float = error;
    }
    if (exact instanceof CalcError) return expectError(float as CalcError, exact.kind);
    expect(float).not.toBeInstanceOf(CalcError);
    const difference = D(float as number)
      .minus(exact)
      .abs();
    expect(difference.lte(tolerance(entry.input, exact))).toBe(true);
  });
});

describe("parity with LibreOffice Calc", () => {
  it("holds a substantial, recalculated set of cases", () => {
    expect(fixture.libreofficeVersion).toMatch(/^LibreOffice \d+\.\d+/);
    expect(fixture.cases.length).toBeGreaterThanOrEqual(300);
    const functions = new Set(fixture.cases.map((c) => c.input.fn));
    const all = [
      "NPV",
      "IRR",
      "MIRR",
      "XNPV",
      "XIRR",
      "SLN",
      "SYD",
      "DDB",
      "DB",
      "VDB",
      "ROI",
      "TCO",
      "RUNRATE",
    ];
    for (const fn of all) {
      expect(functions).toContain(fn);
    }
    expect(fixture.cases.filter((c) => "error" in c.libreoffice).length).toBeGreaterThan(20);
  });

  it("documents the edges of each depreciation function with Excel's result and its source", () => {
    for (const fn of ["SLN", "SYD", "DDB", "DB", "VDB"]) {
      const edges = fixture.cases.filter((c) => c.input.fn === fn && c.excel !== undefined);
      expect(edges.length).toBeGreaterThanOrEqual(6);
      for (const edge of edges) expect(edge.note?.length).toBeGreaterThan(10);
    }
  });

  it.each(fixture.cases.map((c) => [c.id, c] as const))("%s", (_id, entry) => {
    checkCase(entry);
  });
});
