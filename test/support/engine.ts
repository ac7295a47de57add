import { Decimal } from "../../src/engine/decimal";
import { CalcError, type CalcErrorKind } from "../../src/engine/errors";

export const D = (x: string | number): Decimal => new Decimal(x);
export const list = (...xs: Array<string | number>): Decimal[] => xs.map(D);

/** The CalcError a calculation ends in; fails the test when it gives a value or throws something else. */
export function errorOf(run: () => unknown): CalcError {
  try {
    run();
  } catch (error) {
    if (error instanceof CalcError) return error;
    throw error;
  }
  throw new Error("expected a CalcError");
}

export const kindOf = (run: () => unknown): CalcErrorKind => errorOf(run).kind;

/** Expects the calculation to end in a CalcError of `kind` whose message contains `words`. */
export function expectCalcError(run: () => unknown, kind: CalcErrorKind, words = ""): void {
  const error = errorOf(run);
  expect(error.kind).toBe(kind);
  expect(error.message).toContain(words);
}

/** A calculation's value, or the kind of CalcError it ends in (anything else is thrown on). */
export function outcomeOf<T>(run: () => T): T | CalcErrorKind {
  try {
    return run();
  } catch (error) {
    if (error instanceof CalcError) return error.kind;
    throw error;
  }
}
