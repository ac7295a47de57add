import type { Decimal } from "../decimal";
import { CalcError } from "../errors";
import { type Fixed, fixedOfDecimal } from "../money";
import { type Rational, rationalOf } from "./rational";
import { negativeDriver } from "./units";

/** A driver quantity: finite and not negative; `what` names it in the error. */
export function quantityOfDecimal(x: Decimal, what: string): Fixed {
  const value = fixedOfDecimal(x, what);
  if (value.units < 0n) throw negativeDriver(what, x.toString());
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
    costs: costs.map((c, i) => rationalOf(fixedOfDecimal(c, `cost ${i + 1}`))),
    usage: usage.map((row, i) =>
      row.map((u, j) => rationalOf(quantityOfDecimal(u, `usage in row ${i + 1}, column ${j + 1}`))),
    ),
    support,
    operating: columns - support,
  };
}
