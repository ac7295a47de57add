import type { QueryErrorCode } from "../contract/query";
import { CalcError, type CalcErrorKind } from "../engine/errors";

/** An error a cell shows, as Excel writes it: the values of CustomFunctions.ErrorCode. */
export type ExcelErrorCode = `${CustomFunctions.ErrorCode}`;

/**
 * Each kind of calculation error: the error a cell shows, whether Excel shows a custom message
 * with it (only on #VALUE! and #N/A), and the cost-model service's code for it.
 */
export const EXCEL_ERRORS: Readonly<
  Record<CalcErrorKind, { code: ExcelErrorCode; showsMessage: boolean; service: QueryErrorCode }>
> = {
  num: { code: "#NUM!", showsMessage: false, service: "NUM" },
  div0: { code: "#DIV/0!", showsMessage: false, service: "DIV0" },
  value: { code: "#VALUE!", showsMessage: true, service: "VALUE" },
  na: { code: "#N/A", showsMessage: true, service: "NA" },
};

/** The kind of error a service code stands for. */
export function kindOfServiceCode(code: QueryErrorCode): CalcErrorKind {
  // Excel shows no message on #REF!; #N/A keeps the service's explanation visible.
  if (code === "REF") return "na";
  const kinds = Object.keys(EXCEL_ERRORS) as CalcErrorKind[];
  return kinds.find((kind) => EXCEL_ERRORS[kind].service === code) ?? "value";
}

export function excelError(kind: CalcErrorKind, message: string): CustomFunctions.Error {
  const { code, showsMessage } = EXCEL_ERRORS[kind];
  // CustomFunctions is the runtime's, looked up when an error is made; its ErrorCode values are these texts.
  const errorCode = code as CustomFunctions.ErrorCode;
  return showsMessage ? new CustomFunctions.Error(errorCode, message) : new CustomFunctions.Error(errorCode);
}

/**
 * Runs a formula body and turns every failure into the Excel error a cell can show (thrown, as
 * Excel expects): a CalcError keeps its kind and message; anything unexpected becomes #VALUE!
 * with its message, never an uncaught exception of another kind.
 */
export function excelFormula<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw toExcelError(error);
  }
}

export function toExcelError(error: unknown): CustomFunctions.Error {
  if (error instanceof CustomFunctions.Error) return error;
  if (error instanceof CalcError) return excelError(error.kind, error.message);
  const message = error instanceof Error ? error.message : String(error);
  return excelError("value", `unexpected error: ${message}`);
}
