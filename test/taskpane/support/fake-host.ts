import { readFileSync } from "node:fs";
import path from "node:path";
import { readBuiltFile } from "../../support/functions-bundle";

/** The test handle the fake Excel host installs (test/e2e/fake-host/office.js). */
export interface FakeHost {
  loadWorkbook(spec: WorkbookSpec): void;
  select(address: string): void;
  cell(address: string): { formula: unknown; value: unknown; type: string };
  /** Types a constant or a formula into one cell, as a user does in the grid. */
  type(address: string, input: unknown): void;
  selection(): string;
  idle(): Promise<void>;
  stats(): { evaluations: number; pending: number; syncs: number; associated: string[] };
}

export interface WorkbookSpec {
  sheets: { name: string; cells?: Record<string, unknown>; values?: Record<string, unknown> }[];
  selection?: string;
}

const FAKE_HOST = path.resolve(__dirname, "../../e2e/fake-host/office.js");

/**
 * Installs the fake Excel host on this test's global object, then runs the built functions bundle
 * there, as Excel's shared runtime does: the host's cells are calculated by the real functions.
 */
export function installFakeHost(workbook: WorkbookSpec): FakeHost {
  const global = globalThis as unknown as { __fakeHostConfig: unknown; fakeHost: FakeHost };
  global.__fakeHostConfig = { metadata: JSON.parse(readBuiltFile("functions.json")), workbook };
  // Indirect eval: the scripts run in this realm's global scope, as browser scripts do.
  const run = eval;
  run(readFileSync(FAKE_HOST, "utf8"));
  run(readBuiltFile("functions.js"));
  return global.fakeHost;
}
