/**
 * The `CustomFunctions` object Excel's custom-functions runtime provides to add-in code:
 * `Error`, `ErrorCode` and `associate`. Tests install it on a global (or a vm context) the way
 * the runtime does, so the code under test runs exactly as it does in Excel.
 */
export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export class CustomFunctionsError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

/** The Excel error a formula ends in; fails the test when it gives a value or throws something else. */
export function cellErrorOf(run: () => unknown): CustomFunctionsError {
  try {
    run();
  } catch (error) {
    if (error instanceof CustomFunctionsError) return error;
    throw error;
  }
  throw new Error("the formula did not fail");
}

export interface CustomFunctionsRuntime {
  Error: typeof CustomFunctionsError;
  ErrorCode: typeof ERROR_CODES;
  associate(id: string, fn: (...args: never[]) => unknown): void;
  associated: Map<string, (...args: unknown[]) => unknown>;
}

export function createCustomFunctionsRuntime(): CustomFunctionsRuntime {
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  return {
    Error: CustomFunctionsError,
    ErrorCode: ERROR_CODES,
    associated,
    associate(id, fn) {
      if (associated.has(id)) throw new Error(`custom function ${id} associated twice`);
      associated.set(id, fn as (...args: unknown[]) => unknown);
    },
  };
}

/** Installs a fresh runtime object as the global `CustomFunctions`, as Excel does before loading functions.js. */
export function installCustomFunctionsGlobal(): CustomFunctionsRuntime {
  const runtime = createCustomFunctionsRuntime();
  (globalThis as unknown as { CustomFunctions: CustomFunctionsRuntime }).CustomFunctions = runtime;
  return runtime;
}
