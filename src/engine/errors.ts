/** The Excel error a calculation ends in: #NUM!, #DIV/0!, #VALUE! or #N/A. */
export type CalcErrorKind = "num" | "div0" | "value" | "na";

/** A calculation that cannot give a number, with the reason in words a controller understands. */
export class CalcError extends Error {
  constructor(
    readonly kind: CalcErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "CalcError";
  }
}
