import { QueryErrorCode } from "../../src/contract/query";
import { CalcError } from "../../src/engine/errors";
import { EXCEL_ERRORS, excelError, kindOfServiceCode, toExcelError } from "../../src/functions/excel-errors";
import { CustomFunctionsError, ERROR_CODES } from "../support/custom-functions-runtime";

describe("the Excel error of each kind of calculation error", () => {
  it("is one of the runtime's codes, with the message only where Excel shows one", () => {
    const codes: string[] = Object.values(ERROR_CODES);
    for (const [kind, { code, showsMessage }] of Object.entries(EXCEL_ERRORS)) {
      expect(codes).toContain(code);
      const error = excelError(kind as keyof typeof EXCEL_ERRORS, "why") as unknown as CustomFunctionsError;
      expect(error.code).toBe(code);
      expect(error.message).toBe(showsMessage ? "why" : undefined);
    }
    expect(EXCEL_ERRORS.na.code).toBe("#N/A");
    expect(EXCEL_ERRORS.value.code).toBe("#VALUE!");
    expect(EXCEL_ERRORS.num.code).toBe("#NUM!");
    expect(EXCEL_ERRORS.div0.code).toBe("#DIV/0!");
  });

  it("answers every code of the service, #REF! as #N/A so that its message shows", () => {
    expect(QueryErrorCode.options.map((code) => [code, kindOfServiceCode(code)])).toEqual([
      ["NA", "na"],
      ["VALUE", "value"],
      ["NUM", "num"],
      ["REF", "na"],
      ["DIV0", "div0"],
    ]);
  });

  it("turns anything thrown into an error a cell can show", () => {
    expect(toExcelError(new CalcError("div0", "no volume"))).toMatchObject({ code: "#DIV/0!" });
    expect(toExcelError(new Error("boom"))).toMatchObject({
      code: "#VALUE!",
      message: "unexpected error: boom",
    });
  });
});
