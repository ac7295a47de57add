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

function where(versionId: string, filter: LineWhere): { text: string; params: unknown[] } {
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
  const { text, params } = where(versionId, filter);
  const n = params.length;
  const result = await sql.query<LineRow>(
    `SELECT id, ${COST_LINES.columns.join(", ")}, import_id AS "importId" FROM cost_lines
      WHERE ${text} AND id > $${n + 1}::bigint ORDER BY id LIMIT $${n + 2}`,
    [...params, page.after ?? "0", page.limit + 1],
  );
  const rows = result.rows.slice(0, page.limit);
  const lines = rows.map((row) => {
    const line: Record<string, string | null> = { id: row.id };
    for (const column of COST_LINES.columns) if (row[column] !== null) line[column] = row[column];
    line.importId = row.importId;
    return line as unknown as LineOfMember;
  });
  return { lines, next: result.rows.length > page.limit ? rows[rows.length - 1].id : null };
}

/** How many lines there are and what they add up to. */
export async function totalOfLines(
  sql: Sql,
  versionId: string,
  filter: LineWhere,
): Promise<{ lines: number; amount: string }> {
  const { text, params } = where(versionId, filter);
  const result = await sql.query<{ lines: string; amount: string }>(
    `SELECT count(*)::text AS lines, coalesce(sum(amount), 0)::text AS amount FROM cost_lines WHERE ${text}`,
    params,
  );
  return { lines: Number(result.rows[0].lines), amount: result.rows[0].amount };
}
