import type { Decimal } from "../decimal";
import { CalcError } from "../errors";
import { type Rational, exactValue } from "./rational";

export const MAX_DECIMALS = 10;

export function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) {
    throw new CalcError("num", `decimals must be a whole number from 0 to ${MAX_DECIMALS} (got ${decimals})`);
  }
}

/** A driver quantity: finite and not negative; `what` names it in the error. */
export function exactQuantity(x: Decimal, what: string): Rational {
  const value = exactValue(x, what);
  if (value.num < 0n) {
    throw new CalcError(
      "num",
      `${what} is negative (${x.toString()}): driver quantities must be zero or more`,
    );
  }
  return value;
}

/** Support departments in step order with what each one's usage row says about who consumes it. */
export interface Departments {
  readonly costs: readonly Rational[];
  /** k rows of k + p columns: support departments first, then operating departments. */
  readonly usage: readonly (readonly Rational[])[];
  readonly support: number;
  readonly operating: number;
}

export function readDepartments(
  costs: readonly Decimal[],
  usage: readonly (readonly Decimal[])[],
): Departments {
  const support = costs.length;
  if (support === 0) throw new CalcError("value", "costs must list at least one support department");
  const columns = usage[0]?.length ?? 0;
  if (usage.length !== support || columns < support + 1) {
    throw new CalcError(
      "value",
      `usage must have ${support} rows (one per cost) and at least ${support + 1} columns ` +
        `(${support} support departments, then at least one operating department); ` +
        `it has ${usage.length} rows and ${columns} columns`,
    );
  }
  const ragged = usage.findIndex((row) => row.length !== columns);
  if (ragged >= 0) {
    throw new CalcError(
      "value",
      `usage row ${ragged + 1} has ${usage[ragged].length} columns but row 1 has ${columns}: every row needs the same columns`,
    );
  }
  return {
    costs: costs.map((c, i) => exactValue(c, `cost ${i + 1}`)),
    usage: usage.map((row, i) =>
      row.map((u, j) => exactQuantity(u, `usage in row ${i + 1}, column ${j + 1}`)),
    ),
    support,
    operating: columns - support,
  };
}
