import type { z } from "zod";
import type { ColumnPlan } from "./columns";
import type { Cell, SheetRow } from "./sheet";
import type { RowError } from "./types";
import type { Read } from "./values";

/** How messages name each contract field. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  pool: "the cost pool",
  account: "the GL account",
  tower: "the tower",
  service: "the service",
  consumer: "the consumer",
  period: "the period",
  scenario: "the scenario",
  amount: "the amount",
  description: "the description",
  driver: "the driver",
  member: "the member",
  quantity: "the quantity",
};

export const labelOf = (field: string): string => FIELD_LABELS[field] ?? field;

/** Reads the fields of one data row and gathers every problem in it, each under its column's name. */
export class RowReader {
  readonly errors: RowError[] = [];
  private readonly failed = new Set<string>();

  constructor(
    private readonly row: SheetRow,
    private readonly plan: ColumnPlan,
  ) {}

  cell(field: string): Cell {
    const position = this.plan.index.get(field);
    return position === undefined ? null : (this.row.cells[position] ?? null);
  }

  column(field: string): string {
    return this.plan.columns[field] ?? field;
  }

  hasFailed(field: string): boolean {
    return this.failed.has(field);
  }

  fail(field: string, reason: string, column = this.column(field)): void {
    this.failed.add(field);
    this.errors.push({ row: this.row.row, column, reason });
  }

  /** The value read, or undefined after recording why it could not be read. */
  take<T>(field: string, read: Read<T>): T | undefined {
    if (read.ok) return read.value;
    this.fail(field, read.reason);
    return undefined;
  }

  /** A required value: records "is empty" when it is missing and nothing else was wrong with it. */
  require<T>(field: string, value: T | undefined): T | undefined {
    if (value === undefined && !this.failed.has(field)) this.fail(field, `${labelOf(field)} is empty`);
    return value;
  }

  /** The contract schema is the last word on every row; problems already reported are not repeated. */
  validate<T>(schema: z.ZodType<T>, candidate: Record<string, unknown>): T | undefined {
    const given = Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined));
    const result = schema.safeParse(given);
    if (result.success) return this.errors.length === 0 ? result.data : undefined;
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "");
      if (this.failed.has(field)) continue;
      this.fail(field, `${labelOf(field)} ${issue.message}`);
    }
    return undefined;
  }
}
