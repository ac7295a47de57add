import vm from "node:vm";
import { CustomFunctionsError } from "../support/custom-functions-runtime";
import { loadFunctionsBundle, readBuiltFile, type FunctionsMetadata } from "../support/functions-bundle";
import { FORMULAS, type ArgumentSpec } from "../../src/contract/formulas";

const CONTRACT = Object.fromEntries(FORMULAS.map((spec) => [spec.name, spec.arguments]));
const metadata: FunctionsMetadata = JSON.parse(readBuiltFile("functions.json"));
const { runtime, context } = loadFunctionsBundle();

function call(id: string, ...args: unknown[]): unknown {
  const fn = runtime.associated.get(id);
  if (!fn) throw new Error(`${id} is not associated`);
  return fn(...args);
}

function callForError(id: string, ...args: unknown[]): CustomFunctionsError {
  try {
    call(id, ...args);
  } catch (error) {
    if (error instanceof CustomFunctionsError) return error;
    throw error;
  }
  throw new Error(`${id} did not fail`);
}

describe("the built functions bundle in a bare worker-like context", () => {
  it("associates every function of functions.json, and nothing else", () => {
    const ids = metadata.functions.map((f) => f.id).sort();
    expect([...runtime.associated.keys()].sort()).toEqual(ids);
  });

  it("declares exactly the formulas of the contract", () => {
    expect(metadata.functions.map((f) => f.id).sort()).toEqual(Object.keys(CONTRACT).sort());
    for (const f of metadata.functions) expect(f.name).toBe(f.id);
  });

  it.each(Object.entries(CONTRACT))(
    "%s has the contract's parameters",
    (id, expected: readonly ArgumentSpec[]) => {
      const declared = metadata.functions.find((f) => f.id === id);
      expect(declared).toBeDefined();
      const actual = declared!.parameters.map((p) => ({
        name: p.name,
        optional: p.optional === true,
        range: p.dimensionality === "matrix",
      }));
      expect(actual).toEqual(
        expected.map((p) => ({ name: p.name, optional: p.optional, range: p.kind === "range" })),
      );
      for (const p of declared!.parameters) expect(p.description ?? "").not.toBe("");
    },
  );

  it("ALLOCATE splits to the cent and keeps the shape of the drivers", () => {
    expect(call("ALLOCATE", [[100]], [[1], [1], [1]])).toEqual([[33.34], [33.33], [33.33]]);
    expect(
      call(
        "ALLOCATE",
        [[1000]],
        [
          [1, 2],
          [3, null],
        ],
        0,
      ),
    ).toEqual([
      [167, 333],
      [500, 0],
    ]);
  });

  it("ALLOCATE names the argument and the cell of bad input", () => {
    const error = callForError("ALLOCATE", [[100]], [[1], [2], ["abc"]]);
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toBe('drivers: row 3, column 1 is text "abc", not a number');
    expect(callForError("ALLOCATE", [[100]], [[0], [0]]).code).toBe("#DIV/0!");
    expect(callForError("ALLOCATE", [[100]], [[1], [-1]]).code).toBe("#NUM!");
  });

  it("DEPRECIATION, ROI, TCO and RUNRATE answer through the bundle", () => {
    expect(call("DEPRECIATION", 30000, 7500, 10, "sl", 1)).toEqual([[2250]]);
    // SLN divides by the life: Excel's #DIV/0!, not the #NUM! of a period outside the life.
    expect(callForError("DEPRECIATION", 30000, 7500, 0, "sl", 1).code).toBe("#DIV/0!");
    expect(callForError("DEPRECIATION", 30000, 7500, 0, "ddb", 1).code).toBe("#NUM!");
    const npv = call(
      "ROI",
      [[10000], [0], [0], [0]],
      [[0], [3000], [4200], [6800]],
      0.1,
      "npv",
    ) as number[][];
    // -10000 + NPV(10%, 3000, 4200, 6800)
    expect(npv[0][0]).toBeCloseTo(1307.2877535687, 6);
    // With dates (2008-01-01 … 2009-04-01): Excel's XNPV example, 2,086.65 at 9%.
    const dates = [[39448], [39508], [39751], [39859], [39904]];
    const xnpv = call(
      "ROI",
      [[10000], [0], [0], [0], [0]],
      [[0], [2750], [4250], [3250], [2750]],
      0.09,
      "npv",
      null,
      dates,
    );
    expect((xnpv as number[][])[0][0]).toBeCloseTo(2086.6476020315, 9);
    expect(call("TCO", [[1000]], [[100]], 3)).toEqual([[1300]]);
    expect(call("RUNRATE", [[10], [20], [30], [null]], 12)).toEqual(240);
  });

  it("records why a cell failed for the task pane, also where Excel shows no message", () => {
    const invocation = { address: "Budget!C7" };
    expect(callForError("ALLOCATE", [[100]], [[0], [0]], 2, "largest", invocation).code).toBe("#DIV/0!");
    const errors = vm.runInContext('globalThis[Symbol.for("itfm.cellErrors")].errors', context) as Map<
      string,
      { code: string; message: string }
    >;
    expect(errors.get("budget!C7")).toMatchObject({
      code: "#DIV/0!",
      message: expect.stringContaining("zero"),
    });
    call("ALLOCATE", [[100]], [[1], [1]], 2, "largest", invocation);
    expect(errors.has("budget!C7")).toBe(false);
  });

  it("an unknown option is #VALUE! with the choices", () => {
    const error = callForError("TCO", [[1000]], [[100]], 3, 0, 0, 0, "bogus");
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toContain("metric: must be one of total, pv, annual, schedule");
  });
});
