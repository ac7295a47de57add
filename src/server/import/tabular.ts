import type { z } from "zod";
import { CostLine, DriverQuantity } from "../../contract/model";
import { type FieldSpec, planColumns } from "./columns";
import { RowReader } from "./rows";
import type { Cell, SheetHeader } from "./sheet";
import type { ImportOptions, RowParser } from "./types";
import { type Read, readDecimal, readMonth, readText } from "./values";

type ValueKind = "text" | "month" | "decimal";

interface TabularField {
  readonly field: string;
  readonly kind: ValueKind;
  readonly required: boolean;
}

interface TabularKind<T> {
  readonly fields: readonly TabularField[];
  readonly schema: z.ZodType<T>;
  /** Checks a row's values beyond the contract's types; returns [field, reason] pairs. */
  readonly rules?: (values: Record<string, string | undefined>) => [string, string][];
}

const READERS: Record<ValueKind, (cell: Cell) => Read<string | undefined>> = {
  text: readText,
  month: readMonth,
  decimal: (cell) => readDecimal(cell, { scientific: false }),
};

const COST_LINES: TabularKind<CostLine> = {
  schema: CostLine,
  fields: [
    { field: "pool", kind: "text", required: true },
    { field: "account", kind: "text", required: false },
    { field: "tower", kind: "text", required: false },
    { field: "service", kind: "text", required: false },
    { field: "consumer", kind: "text", required: false },
    { field: "period", kind: "month", required: true },
    { field: "scenario", kind: "text", required: true },
    { field: "amount", kind: "decimal", required: true },
    { field: "description", kind: "text", required: false },
  ],
};

const DRIVER_QUANTITIES: TabularKind<DriverQuantity> = {
  schema: DriverQuantity,
  fields: [
    { field: "driver", kind: "text", required: true },
    { field: "member", kind: "text", required: true },
    { field: "period", kind: "month", required: true },
    { field: "scenario", kind: "text", required: true },
    { field: "quantity", kind: "decimal", required: true },
  ],
  rules: ({ quantity }) =>
    quantity?.startsWith("-")
      ? [["quantity", `the quantity ${quantity} is negative; driver quantities must be zero or more`]]
      : [],
};

/** The reader of one kind of row; a scenario given with the request fills rows that have none. */
function rowParser<T>(sheet: SheetHeader, kind: TabularKind<T>, req: ImportOptions): RowParser<T> {
  const specs: FieldSpec[] = kind.fields.map((f) => ({
    field: f.field,
    column: f.field,
    required: f.required && !(f.field === "scenario" && req.scenario !== undefined),
  }));
  const plan = planColumns(sheet, specs, req.mapping);
  return {
    setupErrors: plan.errors,
    columns: plan.columns,
    read(row) {
      const reader = new RowReader(row, plan);
      const values: Record<string, string | undefined> = {};
      for (const f of kind.fields) {
        let value = reader.take(f.field, READERS[f.kind](reader.cell(f.field)));
        if (value === undefined && f.field === "scenario" && !reader.hasFailed(f.field)) value = req.scenario;
        values[f.field] = f.required ? reader.require(f.field, value) : value;
      }
      for (const [field, reason] of kind.rules?.(values) ?? []) reader.fail(field, reason);
      return { value: reader.validate(kind.schema, values), errors: reader.errors };
    },
  };
}

export const costLineParser = (sheet: SheetHeader, req: ImportOptions): RowParser<CostLine> =>
  rowParser(sheet, COST_LINES, req);

export const driverQuantityParser = (sheet: SheetHeader, req: ImportOptions): RowParser<DriverQuantity> =>
  rowParser(sheet, DRIVER_QUANTITIES, req);
