/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands any value; the readers validate it. */
import { sharedCostModelClient } from "../client/shared";
import type { CellQuery } from "../contract/query";
import { CalcError } from "../engine/errors";
import { isBlank, readChoice } from "./arguments";
import { withCellErrors } from "./cell-errors";
import { excelError, kindOfServiceCode, toExcelError } from "./excel-errors";

export { replaceSharedCostModelClient, sharedCostModelClient } from "../client/shared";

const DIMENSIONS = [
  "pool",
  "tower",
  "service",
  "consumer",
  "driver",
  "account",
  "period",
  "scenario",
] as const;
const MODEL_FIELDS = ["name", "version", "status", "published", "currency", "server"] as const;

/** Excel's day 0 is 1899-12-30 once its phantom 1900-02-29 (serial 60) is behind. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Below this a whole number is a year (2027); from it on, a date (serial 10000 = 1927-05-18). */
const FIRST_DATE_SERIAL = 10_000;

/** A member, scenario or version name: text, or a number such as an account code 6100. */
function readName(name: string, value: any): string | undefined {
  if (isBlank(value)) return undefined;
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new CalcError(
    "value",
    `${name}: expected a name as text, got ${typeof value === "boolean" ? String(value).toUpperCase() : "a value that is not text"}`,
  );
}

function requireName(name: string, value: any, example: string): string {
  const text = readName(name, value);
  if (text === undefined) throw new CalcError("value", `${name}: required, e.g. ${example}`);
  return text;
}

/** A period as text ("2027-03", "2027-Q1", "FY2027"), a year number, or a date cell (its month). */
function readPeriod(value: any): string {
  if (typeof value === "number" && Number.isFinite(value) && value >= FIRST_DATE_SERIAL) {
    // A date-time (=NOW()) is a serial with a fraction of a day: its date decides the month.
    const date = new Date(EXCEL_EPOCH_MS + Math.floor(value) * DAY_MS);
    return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
  }
  return requireName("period", value, "2027-03");
}

function requireChoice<T extends string>(name: string, value: any, choices: readonly T[]): T {
  if (isBlank(value)) throw new CalcError("value", `${name}: required, one of ${choices.join(", ")}`);
  return readChoice(name, typeof value === "string" ? value.trim() : value, choices, choices[0]);
}

/** Asks the shared client; the service's error becomes the cell's error, with its message. */
async function ask(query: CellQuery): Promise<string | string[]> {
  const result = await sharedCostModelClient().query(query);
  if ("error" in result) throw excelError(kindOfServiceCode(result.error.code), result.error.message);
  return result.value;
}

/** An amount crosses the wire as a decimal string; it becomes a number once, here. */
async function askAmount(query: CellQuery): Promise<number> {
  const value = await ask(query);
  const amount = typeof value === "string" ? Number(value) : Number.NaN;
  if (!Number.isFinite(amount))
    throw new CalcError("value", `the cost-model service answered "${value}", not an amount`);
  return amount === 0 ? 0 : amount;
}

async function askText(query: CellQuery): Promise<string> {
  const value = await ask(query);
  return typeof value === "string" ? value : value.join(", ");
}

/** The period, scenario and version arguments the four amount formulas share, in that order. */
function slice(
  period: any,
  scenario: any,
  version: any,
): { period: string; scenario?: string; version?: string } {
  return {
    period: readPeriod(period),
    scenario: readName("scenario", scenario),
    version: readName("version", version),
  };
}

/**
 * Runs a remote formula: every failure reaches Excel as the error a cell shows (thrown, as Excel
 * expects), and its message is recorded for the task pane's diagnostics under the cell's address.
 */
function remoteFormula<T>(
  invocation: CustomFunctions.Invocation | undefined,
  body: () => Promise<T>,
): Promise<T> {
  return withCellErrors(invocation?.address, async () => {
    try {
      return await body();
    } catch (error) {
      throw toExcelError(error);
    }
  });
}

/**
 * Cost of a cost pool, tower, service or GL account for a period, roll-ups included, from the bound cost model.
 * @customfunction COST
 * @requiresAddress
 * @param member Cost pool, tower, service or account, e.g. "Compute".
 * @param period Month "2027-03", quarter "2027-Q1", year "2027" or fiscal year "FY2027"; a date cell means its month.
 * @param [scenario] "Actual", "Budget" or "Forecast"; blank = the workbook's scenario.
 * @param [version] Version label; blank = the workbook's version.
 * @param invocation The calling cell, which Excel passes.
 * @returns The cost, in the model's currency.
 */
export async function costFormula(
  member: any,
  period: any,
  scenario?: any,
  version?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<number> {
  return remoteFormula(invocation, () =>
    askAmount({
      kind: "cost",
      member: requireName("member", member, '"Compute"'),
      ...slice(period, scenario, version),
    }),
  );
}

/**
 * The part of a member's cost the model allocates to a consumer (business unit or cost center).
 * @customfunction ALLOCATED
 * @requiresAddress
 * @param member Cost pool, tower or service whose cost is allocated, e.g. "Compute".
 * @param consumer Business unit or cost center receiving the cost.
 * @param period Month "2027-03", quarter "2027-Q1", year "2027" or fiscal year "FY2027"; a date cell means its month.
 * @param [scenario] "Actual", "Budget" or "Forecast"; blank = the workbook's scenario.
 * @param [version] Version label; blank = the workbook's version.
 * @param invocation The calling cell, which Excel passes.
 * @returns The allocated amount, in the model's currency.
 */
export async function allocatedFormula(
  member: any,
  consumer: any,
  period: any,
  scenario?: any,
  version?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<number> {
  return remoteFormula(invocation, () =>
    askAmount({
      kind: "allocated",
      member: requireName("member", member, '"Compute"'),
      consumer: requireName("consumer", consumer, "a business unit"),
      ...slice(period, scenario, version),
    }),
  );
}

/**
 * A driver quantity of a consumer for a period (headcount, servers, storage TB, tickets, users...).
 * @customfunction DRIVER
 * @requiresAddress
 * @param driver Driver name, e.g. "Headcount".
 * @param consumer Business unit (or tower or service) the quantity belongs to.
 * @param period Month "2027-03", quarter "2027-Q1", year "2027" or fiscal year "FY2027"; a date cell means its month.
 * @param [scenario] "Actual", "Budget" or "Forecast"; blank = the workbook's scenario.
 * @param [version] Version label; blank = the workbook's version.
 * @param invocation The calling cell, which Excel passes.
 * @returns The quantity.
 */
export async function driverFormula(
  driver: any,
  consumer: any,
  period: any,
  scenario?: any,
  version?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<number> {
  return remoteFormula(invocation, () =>
    askAmount({
      kind: "driver",
      driver: requireName("driver", driver, '"Headcount"'),
      consumer: requireName("consumer", consumer, "a business unit"),
      ...slice(period, scenario, version),
    }),
  );
}

/**
 * Unit rate of a service (cost per driver unit) for showback and chargeback.
 * @customfunction RATE
 * @requiresAddress
 * @param service Service name.
 * @param period Month "2027-03", quarter "2027-Q1", year "2027" or fiscal year "FY2027"; a date cell means its month.
 * @param [scenario] "Actual", "Budget" or "Forecast"; blank = the workbook's scenario.
 * @param [version] Version label; blank = the workbook's version.
 * @param invocation The calling cell, which Excel passes.
 * @returns Cost per unit of the service's driver.
 */
export async function rateFormula(
  service: any,
  period: any,
  scenario?: any,
  version?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<number> {
  return remoteFormula(invocation, () =>
    askAmount({
      kind: "rate",
      service: requireName("service", service, "a service name"),
      ...slice(period, scenario, version),
    }),
  );
}

/**
 * Names of the members of a dimension, as a spilled column.
 * @customfunction MEMBERS
 * @requiresAddress
 * @param dimension pool, tower, service, consumer, driver, account, period or scenario.
 * @param [parent] Only the members under this parent; blank = all.
 * @param [version] Version label; blank = the workbook's version.
 * @param invocation The calling cell, which Excel passes.
 * @returns One member name per row.
 */
export async function membersFormula(
  dimension: any,
  parent?: any,
  version?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<string[][]> {
  return remoteFormula(invocation, async () => {
    const query: CellQuery = {
      kind: "members",
      dimension: requireChoice("dimension", dimension, DIMENSIONS),
      parent: readName("parent", parent),
      version: readName("version", version),
    };
    const value = await ask(query);
    const names = typeof value === "string" ? [value] : value;
    if (names.length === 0) {
      const under = query.parent === undefined ? "" : ` under "${query.parent}"`;
      throw new CalcError("na", `no ${query.dimension} members${under}`);
    }
    return names.map((name) => [name]);
  });
}

/**
 * Facts about the bound model for report headers.
 * @customfunction MODEL
 * @requiresAddress
 * @param field name, version, status, published, currency or server.
 * @param [version] Version label; blank = the workbook's version.
 * @param invocation The calling cell, which Excel passes.
 * @returns The fact as text.
 */
export async function modelFormula(
  field: any,
  version?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<string> {
  return remoteFormula(invocation, () =>
    askText({
      kind: "model",
      field: requireChoice("field", field, MODEL_FIELDS),
      version: readName("version", version),
    }),
  );
}
