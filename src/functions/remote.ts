/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands any value; the readers validate it. */
import { sharedCostModelClient } from "../client/shared";
import { ALLOCATED, COST, DRIVER, LINES, MEMBERS, MODEL, RATE, type FormulaSpec } from "../contract/formulas";
import { LINE_TABLE_COLUMNS } from "../contract/lines";
import type { CellQuery } from "../contract/query";
import { CalcError } from "../engine/errors";
import { withCellErrors } from "./cell-errors";
import { excelError, kindOfServiceCode, toExcelError } from "./excel-errors";
import { readQuery } from "./read-arguments";

export { replaceSharedCostModelClient, sharedCostModelClient } from "../client/shared";

/** Asks the shared client; the service's error becomes the cell's error, with its message. */
async function ask(query: CellQuery): Promise<string | string[] | string[][]> {
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
  return [await ask(query)].flat(2).join(", ");
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

/** COST, ALLOCATED, DRIVER and RATE: the arguments their spec declares, asked as its query, answered as an amount. */
function amountFormula(
  spec: FormulaSpec & { query: "cost" | "allocated" | "driver" | "rate" },
  raw: Record<string, any>,
  invocation: CustomFunctions.Invocation | undefined,
): Promise<number> {
  return remoteFormula(invocation, () => askAmount(readQuery(spec, raw)));
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
  return amountFormula(COST, { member, period, scenario, version }, invocation);
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
  return amountFormula(ALLOCATED, { member, consumer, period, scenario, version }, invocation);
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
  return amountFormula(DRIVER, { driver, consumer, period, scenario, version }, invocation);
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
  return amountFormula(RATE, { service, period, scenario, version }, invocation);
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
    const query = readQuery(MEMBERS, { dimension, parent, version });
    const names = [await ask(query)].flat(2);
    if (names.length === 0) {
      const under = query.parent === undefined ? "" : ` under "${query.parent}"`;
      throw new CalcError("na", `no ${query.dimension} members${under}`);
    }
    return names.map((name) => [name]);
  });
}

const AMOUNT_COLUMN = LINE_TABLE_COLUMNS.indexOf("amount");

/**
 * The cost lines under a member for a period, as a spilled table with a header row (at most 10,000 lines).
 * @customfunction LINES
 * @requiresAddress
 * @param member Cost pool, tower, service, account or consumer whose lines to list, e.g. "Compute".
 * @param period Month "2027-03", quarter "2027-Q1", year "2027" or fiscal year "FY2027"; a date cell means its month.
 * @param [scenario] "Actual", "Budget" or "Forecast"; blank = the workbook's scenario.
 * @param [version] Version label; blank = the workbook's version.
 * @param invocation The calling cell, which Excel passes.
 * @returns A header row, then one row per cost line: account, pool, tower, service, consumer, period, amount, description.
 */
export async function linesFormula(
  member: any,
  period: any,
  scenario?: any,
  version?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<any[][]> {
  return remoteFormula(invocation, async () => {
    const value = await ask(readQuery(LINES, { member, period, scenario, version }));
    if (!Array.isArray(value) || !value.every(Array.isArray)) {
      throw new CalcError("value", "the cost-model service did not answer with a table of cost lines");
    }
    // Amounts become numbers (the sheet sums them); the header and a last row of words stay text.
    return (value as string[][]).map((row, i) =>
      row.map((cell, c) => (i > 0 && c === AMOUNT_COLUMN && cell !== "" ? Number(cell) : cell)),
    );
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
  return remoteFormula(invocation, () => askText(readQuery(MODEL, { field, version })));
}
