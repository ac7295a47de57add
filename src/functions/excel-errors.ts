import { CalcError, type CalcErrorKind } from "../engine/errors";

/** Looked up when an error is made, not at load: the runtime provides CustomFunctions. */
function errorCode(kind: CalcErrorKind): CustomFunctions.ErrorCode {
  const codes = CustomFunctions.ErrorCode;
  switch (kind) {
    case "num":
      return codes.invalidNumber;
    case "div0":
      return codes.divisionByZero;
    case "value":
      return codes.invalidValue;
    case "na":
      return codes.notAvailable;
  }
}

/** Excel shows a custom message only on #VALUE! and #N/A; the other codes take none. */
const SHOWS_MESSAGE: ReadonlySet<CalcErrorKind> = new Set(["value", "na"]);

export function excelError(kind: CalcErrorKind, message: string): CustomFunctions.Error {
  const code = errorCode(kind);
  return SHOWS_MESSAGE.has(kind) ? new CustomFunctions.Error(code, message) : new CustomFunctions.Error(code);
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
