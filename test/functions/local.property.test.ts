import fc from "fast-check";
import { allocate } from "../../src/engine/allocation";
import { Decimal } from "../../src/engine/decimal";
import {
  depreciationFormula,
  roiFormula,
  runRateFormula,
  tcoFormula,
} from "../../src/functions/business-case";
import { allocateFormula, reciprocalFormula, stepDownFormula } from "../../src/functions/local";
import { CustomFunctionsError } from "../support/custom-functions-runtime";

/** Every kind of value Excel can hand a custom function, with the extremes. */
const cell = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1, -1, 1e300, -1e300, 1e-300, -1e-300, 0.1, 2, 12, 0.08),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(
    "",
    "abc",
    "12",
    "largest",
    "plug",
    "none",
    "npv",
    "irr",
    "all",
    "schedule",
    "trend",
    "vdb",
  ),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(new CustomFunctionsError("#N/A", "upstream")),
);

/** Ranges of any shape: empty, 1×1, rows, columns and blocks (Excel hands rectangles). */
const range = fc
  .tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 5 }))
  .chain(([rows, columns]) =>
    fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), {
      minLength: rows,
      maxLength: rows,
    }),
  );

const argument = fc.oneof(cell, range);

/** A result Excel can show: finite numbers, text labels, or error values inside a spill. */
function assertShowable(result: unknown): void {
  if (typeof result === "number") {
    expect(Number.isFinite(result)).toBe(true);
    return;
  }
  expect(Array.isArray(result)).toBe(true);
  for (const row of result as unknown[][]) {
    expect(Array.isArray(row)).toBe(true);
    for (const value of row) {
      const ok =
        (typeof value === "number" && Number.isFinite(value)) ||
        typeof value === "string" ||
        value instanceof CustomFunctionsError;
      expect(ok).toBe(true);
    }
  }
}

/** Returns whether the call gave a value (true) or an Excel error (false). */
function assertFiniteOrExcelError(call: () => unknown): boolean {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    expect(error).toBeInstanceOf(CustomFunctionsError);
    const code = (error as CustomFunctionsError).code;
    expect(["#VALUE!", "#N/A", "#NUM!", "#DIV/0!"]).toContain(code);
    if (code === "#VALUE!" || code === "#N/A") expect((error as CustomFunctionsError).message).toBeTruthy();
    return false;
  }
  assertShowable(result);
  return true;
}

const column = (length: number, values: fc.Arbitrary<number>) =>
  fc.array(
    values.map((v) => [v]),
    { minLength: length, maxLength: length },
  );
const amount = fc.integer({ min: -1e9, max: 1e9 }).map((cents) => cents / 100);
const quantity = fc.integer({ min: 0, max: 10_000 });
const rate = fc.integer({ min: -50, max: 300 }).map((bp) => bp / 1000);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** A column of date serials from the first on, some on one day, some with a time of day. */
const datesFrom = (length: number) =>
  fc
    .tuple(
      fc.integer({ min: 36526, max: 54789 }),
      fc.array(fc.integer({ min: 0, max: 800 }), { minLength: length - 1, maxLength: length - 1 }),
      fc.constantFrom(0, 0.25, 0.999),
    )
    .map(([first, gaps, time]) => [first, ...gaps].map((_, i, all) => [sumTo(all, i) + time]));
const sumTo = (values: number[], i: number) => values.slice(0, i + 1).reduce((a, b) => a + b, 0);

/** Inputs of the right kinds and shapes (sometimes mismatched), so that most calls give values. */
const WELL_FORMED: Record<string, fc.Arbitrary<unknown[]>> = {
  ALLOCATE: fc
    .integer({ min: 1, max: 6 })
    .chain((rows) =>
      fc.tuple(
        fc.oneof(amount, column(rows, amount)),
        column(rows, quantity),
        maybe(fc.integer({ min: 0, max: 6 })),
        maybe(fc.constantFrom("largest", "plug", "none")),
      ),
    ),
  STEPDOWN: supportDepartments(),
  RECIPROCAL: supportDepartments(),
  TCO: fc.integer({ min: 1, max: 8 }).chain((years) =>
    fc.oneof(
      // one yearly amount: years given, escalation allowed
      fc.tuple(
        fc.oneof(amount, column(2, amount)),
        amount,
        fc.constant(years),
        maybe(rate),
        maybe(rate),
        maybe(amount),
        maybe(fc.constantFrom("total", "pv", "annual", "schedule")),
      ),
      // one amount per year: years may be blank, no escalation
      fc.tuple(
        fc.oneof(amount, column(2, amount)),
        column(years, amount),
        fc.constantFrom(years, undefined),
        maybe(rate),
        fc.constant(undefined),
        maybe(amount),
        maybe(fc.constantFrom("total", "pv", "annual", "schedule")),
      ),
    ),
  ),
  ROI: fc
    .integer({ min: 1, max: 8 })
    .chain((periods) =>
      fc.tuple(
        column(periods, amount),
        column(periods, amount),
        maybe(rate),
        maybe(fc.constantFrom("roi", "npv", "irr", "mirr", "payback", "dpayback", "bcr", "all")),
        maybe(rate),
        fc.oneof(fc.constant(undefined), datesFrom(periods)),
      ),
    ),
  DEPRECIATION: fc
    .integer({ min: 1, max: 30 })
    .chain((life) =>
      fc.tuple(
        fc.integer({ min: 1000, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.constant(life),
        maybe(fc.constantFrom("sl", "syd", "ddb", "db", "vdb")),
        maybe(fc.integer({ min: 1, max: life })),
      ),
    ),
  RUNRATE: fc
    .integer({ min: 1, max: 12 })
    .chain((n) =>
      fc.tuple(
        column(n, amount),
        fc.integer({ min: n, max: 24 }),
        maybe(fc.constantFrom("average", "last", "trend")),
      ),
    ),
};

/**
 * For these formulas the generators above make only valid input, so the one error allowed is the
 * documented one (ALLOCATE over drivers that are all zero, or a row of them when allocating row by row).
 */
const MAY_FAIL_ON_WELL_FORMED: Record<string, (args: unknown[]) => boolean> = {
  ALLOCATE: ([amount, drivers]) => {
    const rows = drivers as number[][];
    const rowByRow = Array.isArray(amount) && (amount as unknown[]).length > 1;
    const zero = (row: number[]) => row.every((d) => d === 0);
    return rowByRow ? rows.some(zero) : rows.every(zero);
  },
  STEPDOWN: () => false,
  RECIPROCAL: () => false,
  DEPRECIATION: () => false,
};

function supportDepartments(): fc.Arbitrary<unknown[]> {
  return fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })).chain(([k, p]) =>
    fc.tuple(
      column(k, amount),
      fc.array(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: k + p, maxLength: k + p }), {
        minLength: k,
        maxLength: k,
      }),
      maybe(fc.integer({ min: 0, max: 4 })),
    ),
  );
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the property is that any input is handled */
const FORMULAS: Record<string, { arity: number; call: (...args: any[]) => unknown }> = {
  ALLOCATE: { arity: 4, call: allocateFormula },
  STEPDOWN: { arity: 3, call: stepDownFormula },
  RECIPROCAL: { arity: 3, call: reciprocalFormula },
  TCO: { arity: 7, call: tcoFormula },
  ROI: { arity: 6, call: roiFormula },
  DEPRECIATION: { arity: 5, call: depreciationFormula },
  RUNRATE: { arity: 3, call: runRateFormula },
};
/* eslint-enable @typescript-eslint/no-explicit-any */

describe.each(Object.entries(FORMULAS))("%s with any input", (name, formula) => {
  it("returns finite numbers or an Excel error, never NaN, Infinity or another exception", () => {
    fc.assert(
      fc.property(fc.array(argument, { minLength: formula.arity, maxLength: formula.arity }), (args) => {
        assertFiniteOrExcelError(() => formula.call(...args));
      }),
      { numRuns: 400 },
    );
  });

  it("gives values for well-formed input, and Excel errors only where the input is wrong", () => {
    let values = 0;
    fc.assert(
      fc.property(WELL_FORMED[name], (args) => {
        const gaveValue = assertFiniteOrExcelError(() => formula.call(...args));
        if (gaveValue) values++;
        // Where every generated input is valid, an error is a defect, not an allowed outcome.
        const mayFail = MAY_FAIL_ON_WELL_FORMED[name];
        if (!gaveValue && mayFail !== undefined) expect(mayFail(args)).toBe(true);
      }),
      { numRuns: 300 },
    );
    // The property must be exercised on inputs that give values, not only on rejected ones.
    expect(values).toBeGreaterThan(100);
  });
});

describe("ALLOCATE through Excel's values", () => {
  it("gives exactly the engine's shares, whichever internal path it takes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom("largest" as const, "plug" as const),
        (units, scale, drivers, places, method) => {
          fc.pre(drivers.some((d) => d > 0));
          const amount = units / 10 ** scale;
          const viaExcel = allocateFormula(
            [[amount]],
            drivers.map((d) => [d]),
            places,
            method,
          ).map((row) => row[0]);
          const exact = allocate(
            new Decimal(String(amount)),
            drivers.map((d) => new Decimal(d)),
            places,
            method,
          ).map((share) => share.toNumber());
          expect(viaExcel).toEqual(exact);
        },
      ),
      { numRuns: 500 },
    );
  });
});
