import type { ArgumentSpec, FormulaSpec } from "../contract/formulas";
import { CellQuery, issueText } from "../contract/query";
import { Decimal } from "../engine/decimal";
import { CalcError } from "../engine/errors";
import {
  isBlank,
  isBlankArgument,
  readChoice,
  readInteger,
  readName,
  readNumber,
  readNumberList,
  readNumberMatrix,
  readPeriodText,
  requireChoice,
  requireName,
  type ExcelValue,
} from "./arguments";

/** What the reader gives for an argument of a spec, by its rule. */
type ValueOf<A> = A extends { kind: "range"; read: "list" }
  ? A extends { optional: true }
    ? Decimal[] | undefined
    : Decimal[]
  : A extends { kind: "range"; read: "matrix" }
    ? Decimal[][]
    : A extends { kind: "number" | "integer" }
      ? A extends { default: unknown }
        ? NumberOf<A>
        : A extends { optional: true }
          ? NumberOf<A> | undefined
          : NumberOf<A>
      : A extends { kind: "choice"; choices: readonly (infer C)[] }
        ? C
        : A extends { kind: "period" }
          ? string
          : A extends { kind: "member" | "version"; optional: false }
            ? string
            : A extends { kind: "member" | "version" }
              ? string | undefined
              : unknown;
type NumberOf<A> = A extends { kind: "integer" } ? number : Decimal;

type ArgumentOf<S extends FormulaSpec> = S["arguments"][number];
/** Names of the arguments the reader takes; a range without `read` is read by its formula. */
type ReadableName<S extends FormulaSpec> = Exclude<
  ArgumentOf<S>,
  { kind: "range"; read?: undefined }
>["name"];

/** A name the spec's types do not keep as a literal gives `unknown`, so a typo cannot pass unseen. */
export type ArgumentValues<S extends FormulaSpec, R> = {
  [K in keyof R]: [Extract<ArgumentOf<S>, { name: K }>] extends [never]
    ? unknown
    : ValueOf<Extract<ArgumentOf<S>, { name: K }>>;
};

/**
 * Reads the given arguments of a formula by their spec, in the order given (so the first bad one
 * is the one a cell names), and returns them typed and validated: numbers as exact values,
 * defaults in place of blanks, words from their list. A bad value fails with a CalcError that
 * names the argument and, in a range, the cell.
 */
export function readArguments<S extends FormulaSpec, R extends Partial<Record<ReadableName<S>, ExcelValue>>>(
  spec: S,
  raw: R,
): ArgumentValues<S, R> {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const argument = spec.arguments.find((candidate) => candidate.name === name);
    if (argument === undefined) throw new Error(`${spec.name} has no argument ${name}`);
    values[name] = readArgument(argument, value, values);
  }
  return values as ArgumentValues<S, R>;
}

function readArgument(
  argument: ArgumentSpec,
  value: ExcelValue,
  readSoFar: Record<string, unknown>,
): unknown {
  const { name } = argument;
  switch (argument.kind) {
    case "range":
      if (argument.read === "matrix") return readNumberMatrix(name, value);
      if (argument.read === "list") {
        if (argument.optional && isBlankArgument(value)) return undefined;
        return readNumberList(name, value, argument.blanks);
      }
      throw new Error(`${name} is read by its formula, by its shape`);
    case "number": {
      const { default: fallback } = argument;
      if (fallback === undefined && argument.optional && isBlank(value)) return undefined;
      if (typeof fallback === "object") return readNumber(name, value, valueRead(readSoFar, fallback.sameAs));
      return readNumber(name, value, fallback === undefined ? undefined : new Decimal(fallback));
    }
    case "integer":
      if (argument.default === undefined && argument.optional && isBlank(value)) return undefined;
      return readInteger(name, value, { min: argument.min, max: argument.max, fallback: argument.default });
    case "choice":
      return argument.default === undefined
        ? requireChoice(name, value, argument.choices)
        : readChoice(name, value, argument.choices, argument.default);
    case "member":
      return argument.optional
        ? readName(name, value)
        : requireName(name, value, argument.example ?? "a name");
    case "period":
      return readPeriodText(name, value, argument.example);
    case "version":
      return readName(name, value);
  }
}

function valueRead(readSoFar: Record<string, unknown>, name: string): Decimal {
  const value = readSoFar[name];
  if (!(value instanceof Decimal)) throw new Error(`the default of an argument needs ${name} read first`);
  return value;
}

/**
 * A remote formula's arguments as the query its spec names, read by the spec and checked against
 * the contract's CellQuery (the schema the client and the service use): the first problem becomes
 * the cell's #VALUE!, worded as the client words it, e.g. `period: must be a period such as 2027-03, …`.
 */
export function readQuery<K extends CellQuery["kind"]>(
  spec: FormulaSpec & { query: K },
  raw: Record<string, ExcelValue>,
): Extract<CellQuery, { kind: K }> {
  const parsed = CellQuery.safeParse({ kind: spec.query, ...readArguments(spec as FormulaSpec, raw) });
  if (!parsed.success) {
    throw new CalcError("value", issueText(parsed.error.issues[0]));
  }
  return parsed.data as Extract<CellQuery, { kind: K }>;
}
