import { CalcError } from "../engine/errors";
import { EXCEL_ERRORS } from "./excel-errors";

/**
 * The messages behind the errors ITFM formulas show. Excel's API tells the task pane that a cell
 * shows #N/A, never why; the formulas record why here, keyed by the cell's address, and the task
 * pane's diagnostics read it. The custom functions and the task pane are separate bundles in one
 * shared runtime, so the registry lives on the global object under a key both compute alike.
 */
export interface CellError {
  /** The error the cell shows, e.g. "#N/A". */
  code: string;
  message: string;
  /** When the formula failed. */
  at: Date;
}

export type CellErrorListener = (errors: ReadonlyMap<string, CellError>) => void;

interface Registry {
  errors: Map<string, CellError>;
  listeners: Set<CellErrorListener>;
}

const REGISTRY = Symbol.for("itfm.cellErrors");

function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry };
  holder[REGISTRY] ??= { errors: new Map(), listeners: new Set() };
  return holder[REGISTRY];
}

function notify(): void {
  const { errors, listeners } = registry();
  for (const listener of [...listeners]) {
    try {
      listener(errors);
    } catch {
      // a failing listener must never fail a formula
    }
  }
}

/**
 * One spelling per cell, whatever wrote it: `Sheet1!A1`, `'Sheet 1'!$A$1` and `sheet1!a1` name
 * the same cell (Excel's sheet names are case-insensitive); a range names its first cell.
 */
export function cellKey(address: string): string {
  const bang = address.lastIndexOf("!");
  const sheet =
    bang < 0
      ? ""
      : address
          .slice(0, bang)
          .replace(/^'(.*)'$/, "$1")
          .replace(/''/g, "'");
  const cell = address
    .slice(bang + 1)
    .split(":")[0]
    .replace(/\$/g, "")
    .toUpperCase();
  return sheet === "" ? cell : `${sheet.toLowerCase()}!${cell}`;
}

export function recordCellError(address: string, code: string, message: string): void {
  registry().errors.set(cellKey(address), { code, message, at: new Date() });
  notify();
}

export function clearCellError(address: string): void {
  if (registry().errors.delete(cellKey(address))) notify();
}

/** Every recorded error by cell key (see cellKey). */
export function cellErrors(): ReadonlyMap<string, CellError> {
  return registry().errors;
}

/** Calls `listener` after every change; returns the function that unsubscribes. */
export function subscribeCellErrors(listener: CellErrorListener): () => void {
  const { listeners } = registry();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === "function";
}

/** A CalcError (with its message, which #NUM! and #DIV/0! cells cannot show) or a CustomFunctions.Error. */
function record(address: string, error: unknown): void {
  if (error instanceof CalcError)
    return recordCellError(address, EXCEL_ERRORS[error.kind].code, error.message);
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  recordCellError(
    address,
    typeof code === "string" ? code : "#VALUE!",
    typeof message === "string" ? message : "",
  );
}

/**
 * Runs a formula body for the cell at `address` (the invocation's address; undefined when Excel
 * gives none) and keeps the registry in step: a thrown error is recorded, a result clears the
 * cell's entry. Returns or throws exactly what the body does, synchronously or as a promise.
 */
export function withCellErrors<T>(address: string | undefined, body: () => T): T {
  if (address === undefined) return body();
  let result: T;
  try {
    result = body();
  } catch (error) {
    record(address, error);
    throw error;
  }
  if (!isPromiseLike(result)) {
    clearCellError(address);
    return result;
  }
  return Promise.resolve(result).then(
    (value) => {
      clearCellError(address);
      return value;
    },
    (error: unknown) => {
      record(address, error);
      throw error;
    },
  ) as T;
}
