import { CalcError } from "../../src/engine/errors";
import {
  cellErrors,
  cellKey,
  clearCellError,
  recordCellError,
  subscribeCellErrors,
  withCellErrors,
} from "../../src/functions/cell-errors";
import { errorReason } from "../../src/taskpane/excel/error-reasons";
import { CustomFunctionsError } from "../support/custom-functions-runtime";

afterEach(() => {
  for (const key of [...cellErrors().keys()]) clearCellError(key);
});

describe("cell keys", () => {
  it("spell one cell one way, however Excel or the pane writes its address", () => {
    const forms = ["Sheet1!A1", "sheet1!$A$1", "'Sheet1'!a1", "SHEET1!A1:B4"];
    expect(new Set(forms.map(cellKey))).toEqual(new Set([cellKey("Sheet1!A1")]));
    expect(cellKey("'Run rate'!B2")).toBe(cellKey("'run RATE'!$B$2"));
    expect(cellKey("'O''Brien'!C3")).toBe(cellKey("'o''brien'!C3"));
    expect(cellKey("Budget!A1")).not.toBe(cellKey("Cloud!A1"));
    expect(cellKey("Budget!A1")).not.toBe(cellKey("Budget!A11"));
  });
});

describe("the registry of cell errors", () => {
  it("records, replaces and clears a cell's error, and tells subscribers each time", () => {
    const seen: number[] = [];
    const unsubscribe = subscribeCellErrors((errors) => seen.push(errors.size));
    recordCellError("Budget!$B$4", "#N/A", 'unknown member "Comptue"');
    recordCellError("Budget!B4", "#N/A", 'unknown member "Compute2"');
    expect(cellErrors().get(cellKey("budget!b4"))).toMatchObject({
      code: "#N/A",
      message: 'unknown member "Compute2"',
    });
    clearCellError("'Budget'!B4");
    clearCellError("Budget!B4");
    unsubscribe();
    recordCellError("Budget!B5", "#N/A", "x");
    expect(seen).toEqual([1, 1, 0]);
  });

  it("is one registry for the whole runtime, even when two bundles each load the module", () => {
    jest.isolateModules(() => {
      const other =
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second, separate copy of the module
        require("../../src/functions/cell-errors") as typeof import("../../src/functions/cell-errors");
      other.recordCellError("Cloud!C9", "#VALUE!", "period: must be a period such as 2027-03");
    });
    expect(cellErrors().get(cellKey("Cloud!C9"))?.message).toBe("period: must be a period such as 2027-03");
  });
});

describe("withCellErrors around a formula body", () => {
  it("records a thrown Excel error and clears it once the cell calculates", () => {
    expect(() =>
      withCellErrors("Budget!B2", () => {
        throw new CustomFunctionsError("#N/A", 'unknown member "Nope"');
      }),
    ).toThrow(CustomFunctionsError);
    expect(cellErrors().get(cellKey("Budget!B2"))).toMatchObject({
      code: "#N/A",
      message: 'unknown member "Nope"',
    });
    expect(withCellErrors("Budget!B2", () => 42)).toBe(42);
    expect(cellErrors().has(cellKey("Budget!B2"))).toBe(false);
  });

  it("keeps the message of a calculation error whose Excel code cannot show one", () => {
    expect(() =>
      withCellErrors("Budget!C2", () => {
        throw new CalcError("num", "IRR: the cash flows never change sign");
      }),
    ).toThrow(CalcError);
    expect(cellErrors().get(cellKey("Budget!C2"))).toMatchObject({
      code: "#NUM!",
      message: "IRR: the cash flows never change sign",
    });
  });

  it("follows a promise to its end", async () => {
    const failing = withCellErrors("Budget!D2", () =>
      Promise.reject(new CustomFunctionsError("#N/A", "offline")),
    );
    await expect(failing).rejects.toBeInstanceOf(CustomFunctionsError);
    expect(cellErrors().get(cellKey("Budget!D2"))?.message).toBe("offline");
    await expect(withCellErrors("Budget!D2", () => Promise.resolve(7))).resolves.toBe(7);
    expect(cellErrors().has(cellKey("Budget!D2"))).toBe(false);
  });

  it("runs the body untouched when Excel gives no address", () => {
    expect(withCellErrors(undefined, () => "ok")).toBe("ok");
    expect(cellErrors().size).toBe(0);
  });
});

describe("the reason the pane shows for a cell in error", () => {
  it("is the formula's own message for that cell, else what the code means", () => {
    recordCellError("'Run rate'!B7", "#N/A", 'unknown member "Comptue"');
    expect(errorReason("Run rate", "B7", "#N/A")).toBe('unknown member "Comptue"');
    expect(errorReason("Run rate", "B8", "#N/A")).toBe("no value is available");
    // A message recorded for another error than the one the cell shows now is out of date.
    expect(errorReason("Run rate", "B7", "#SPILL!")).toBe("the result needs empty cells to spill into");
    expect(errorReason("Run rate", "B9", "#WHAT?")).toBe("Excel shows an error");
  });
});
