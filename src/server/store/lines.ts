import type { LineOfMember } from "../../contract/lines";
import type { Sql } from "../db";
import { COST_LINES } from "./facts";
import { VISIBLE_FACT } from "./imports";

/** The attribution columns of a cost line a member's lines are picked by. */
export type BookingColumn = "pool" | "account" | "tower" | "service" | "consumer";

/**
 * Which cost lines are under a member: those booked to it or a member below it, or for a member
 * standing for cost that skips a cut ("Direct from Compute", publish/direct.ts) the lines that take
 * that way: to a consumer without a service, or below a pool without a tower.
 */
export type LineSelection =
  | { kind: "booked"; column: BookingColumn; members: readonly string[] }
  | { kind: "no_service"; from: string }
  | { kind: "no_tower"; pool: string };

export interface LineWhere {
  selection: LineSelection;
  scenario: string;
  months: readonly string[];
}

/** The condition and its parameters, numbered from $4 ($1 version, $2 scenario, $3 months). */
function selecting(selection: LineSelection): { condition: string; params: unknown[] } {
  switch (selection.kind) {
    case "booked":
      // The column comes from the fixed list above, never from the request.
      return { condition: `${selection.column} = ANY($4::text[])`, params: [selection.members] };
    case "no_service":
      return {
        condition:
          "service IS NULL AND consumer IS NOT NULL AND (tower = $4 OR (tower IS NULL AND pool = $4))",
        params: [selection.from],
      };
    case "no_tower":
      return {
        condition: "tower IS NULL AND pool = $4 AND (service IS NOT NULL OR consumer IS NOT NULL)",
        params: [selection.pool],
      };
  }
}

function whereLines(versionId: string, filter: LineWhere): { text: string; params: unknown[] } {
  const { condition, params } = selecting(filter.selection);
  return {
    text: `version_id = $1 AND scenario = $2 AND period = ANY($3::text[]) AND ${VISIBLE_FACT} AND ${condition}`,
    params: [versionId, filter.scenario, filter.months, ...params],
  };
}

type LineRow = Record<string, string | null> & { id: string };

/** A page of the lines, in the order they were added; `next` continues after its last row. */
export async function readLines(
  sql: Sql,
  versionId: string,
  filter: LineWhere,
  page: { after?: string; limit: number },
): Promise<{ lines: LineOfMember[]; next: string | null }> {
  const { text, params } = whereLines(versionId, filter);
  const n = params.length;
  const result = await sql.query<LineRow>(
    `SELECT id, ${COST_LINES.columns.join(", ")}, import_id AS "importId" FROM cost_lines
      WHERE ${text} AND id > $${n + 1}::bigint ORDER BY id LIMIT $${n + 2}`,
    [...params, page.after ?? "0", page.limit + 1],
  );
  const rows = result.rows.slice(0, page.limit);
  const lines = rows.map(toLine);
  return { lines, next: result.rows.length > page.limit ? rows[rows.length - 1].id : null };
}

/** How many lines there are and what they add up to. */
export async function totalOfLines(
  sql: Sql,
  versionId: string,
  filter: LineWhere,
): Promise<{ lines: number; amount: string }> {
  const { text, params } = whereLines(versionId, filter);
  const result = await sql.query<{ lines: string; amount: string }>(
    `SELECT count(*)::text AS lines, coalesce(sum(amount), 0)::text AS amount FROM cost_lines WHERE ${text}`,
    params,
  );
  return { lines: Number(result.rows[0].lines), amount: result.rows[0].amount };
}

/** The largest lines of each booking (pool, tower, service, consumer), with the count and sum of all its lines. */
export interface BookedLines {
  lines: LineOfMember[];
  count: number;
  amount: string;
}

export const bookingKey = (b: {
  pool: string;
  tower?: string | null;
  service?: string | null;
  consumer?: string | null;
}): string => [b.pool, b.tower ?? "", b.service ?? "", b.consumer ?? ""].join("\u0000");

/**
 * Every booking's `largest` lines in the months, read at once: a window over the months' lines
 * ranks each booking's lines by amount and counts and sums them.
 */
export async function largestLinesByBooking(
  sql: Sql,
  versionId: string,
  scenario: string,
  months: readonly string[],
  largest: number,
): Promise<Map<string, BookedLines>> {
  const result = await sql.query<LineRow & { rank: string; lines: string; total: string }>(
    `SELECT * FROM (
       SELECT id, ${COST_LINES.columns.join(", ")}, import_id AS "importId",
              row_number() OVER (PARTITION BY pool, tower, service, consumer ORDER BY amount DESC, id) AS rank,
              count(*) OVER (PARTITION BY pool, tower, service, consumer)::text AS lines,
              sum(amount) OVER (PARTITION BY pool, tower, service, consumer)::text AS total
         FROM cost_lines
        WHERE version_id = $1 AND scenario = $2 AND period = ANY($3::text[]) AND ${VISIBLE_FACT}
     ) ranked WHERE rank <= $4 ORDER BY rank`,
    [versionId, scenario, months, largest],
  );
  const found = new Map<string, BookedLines>();
  for (const row of result.rows) {
    const key = bookingKey({
      pool: row.pool as string,
      tower: row.tower,
      service: row.service,
      consumer: row.consumer,
    });
    const entry = found.get(key) ?? { lines: [], count: Number(row.lines), amount: row.total };
    entry.lines.push(toLine(row));
    found.set(key, entry);
  }
  return found;
}

function toLine(row: LineRow): LineOfMember {
  const line: Record<string, string | null> = { id: row.id };
  for (const column of COST_LINES.columns) if (row[column] !== null) line[column] = row[column];
  line.importId = row.importId;
  return line as unknown as LineOfMember;
}

/** Every visible line of the pools in the months, in the order they were added. */
export async function linesOfPools(
  sql: Sql,
  versionId: string,
  where: { scenario: string; months: readonly string[]; pools: readonly string[] },
): Promise<LineOfMember[]> {
  const selection = { kind: "booked" as const, column: "pool" as const, members: where.pools };
  const { text, params } = whereLines(versionId, { selection, ...where });
  const result = await sql.query<LineRow>(
    `SELECT id, ${COST_LINES.columns.join(", ")}, import_id AS "importId" FROM cost_lines WHERE ${text} ORDER BY id`,
    params,
  );
  return result.rows.map(toLine);
}
