import type { Sql } from "./index";

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
/** Rows per statement: large enough to be fast, small enough to keep each statement's data modest. */
const CHUNK_ROWS = 20_000;

/**
 * A driver's COPY FROM with the data as text, when it has one for this transaction (PGlite reads it
 * from a blob); it answers false when it cannot, and the rows go in by INSERT instead.
 */
export type CopyIn = (tx: Sql, target: string, data: string) => Promise<boolean>;

type ColumnTypes = Map<string, string>;

function checkIdentifier(name: string, what: string): void {
  if (!IDENTIFIER.test(name))
    throw new Error(`copyRows: ${what} "${name}" is not a plain lower-case SQL name`);
}

function isJson(type: string): boolean {
  return type === "json" || type === "jsonb";
}

/** One value as the text PostgreSQL reads for the column's type (arrays carry text elements). */
function toText(value: unknown, type: string): string | null {
  if (value === null || value === undefined) return null;
  if (isJson(type)) return typeof value === "string" ? value : JSON.stringify(value);
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    return String(value);
  if (value instanceof Date) return value.toISOString();
  const decimal = value as { toFixed?: () => string };
  if (typeof decimal.toFixed === "function") return decimal.toFixed();
  return JSON.stringify(value);
}

/** A value in COPY's text format: backslash escapes, \\N for null. */
function copyField(text: string | null): string {
  if (text === null) return "\\N";
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}

/**
 * Bulk insert by COPY where the driver offers it, else by `INSERT ... SELECT FROM unnest($1::type[], ...)`: one array parameter per column, so a
 * chunk of thousands of rows is one parameterized statement. Table and column names are checked
 * against the catalog before they are written into the statement.
 */
export class RowCopier {
  private readonly types = new Map<string, ColumnTypes>();

  constructor(private readonly copyIn?: CopyIn) {}

  async copyRows(tx: Sql, table: string, columns: string[], rows: unknown[][]): Promise<void> {
    if (rows.length === 0) return;
    checkIdentifier(table, "table");
    columns.forEach((c) => checkIdentifier(c, "column"));
    const types = await this.columnTypes(tx, table);
    const columnTypes = columns.map((c) => {
      const type = types.get(c);
      if (type === undefined) throw new Error(`copyRows: table "${table}" has no column "${c}"`);
      return type;
    });
    rows.forEach((row, r) => {
      if (row.length !== columns.length) {
        throw new Error(`copyRows: row ${r} has ${row.length} values for ${columns.length} columns`);
      }
    });
    const target = `${table} (${columns.join(", ")})`;
    const unnest = columnTypes.map((type, i) => `$${i + 1}::${type}[]`).join(", ");
    const insert = `INSERT INTO ${target} SELECT * FROM unnest(${unnest})`;
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const chunk = rows.slice(start, start + CHUNK_ROWS);
      if (this.copyIn) {
        const data = chunk
          .map((row) => row.map((value, c) => copyField(toText(value, columnTypes[c]))).join("\t") + "\n")
          .join("");
        if (await this.copyIn(tx, target, data)) continue;
      }
      const arrays = columnTypes.map((type, c) => chunk.map((row) => toText(row[c], type)));
      await tx.query(insert, arrays);
    }
  }

  private async columnTypes(tx: Sql, table: string): Promise<ColumnTypes> {
    const cached = this.types.get(table);
    if (cached) return cached;
    const result = await tx.query<{ name: string; type: string }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
         FROM pg_attribute a
        WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped`,
      [table],
    );
    if (result.rows.length === 0) throw new Error(`copyRows: there is no table "${table}"`);
    const types: ColumnTypes = new Map(result.rows.map((row) => [row.name, row.type]));
    this.types.set(table, types);
    return types;
  }
}
