import { LINE_TABLE_COLUMNS, MAX_LINES_IN_A_CELL, type LineOfMember } from "../../contract/lines";
import { monthsOfPeriod } from "../../contract/period";
import type { ParsedCellQuery, QueryResult } from "../../contract/query";
import type { Database } from "../db";
import { amountText, memberOfLines, unknownMemberOfLines } from "../drill/lines";
import { MemberIndex } from "../publish/members";
import { readLines, totalOfLines } from "../store/lines";
import { memberRows } from "../store/members";
import type { ModelFacts, VersionFacts } from "./catalog";

export type LinesQuery = Extract<ParsedCellQuery, { kind: "lines" }>;

/** Where a LINES cell's table is kept while its batch is answered. */
export function linesKey(versionId: string, query: LinesQuery, scenario: string): string {
  return [versionId, query.member, query.period.text, query.scenario ?? scenario].join("\u0000");
}

const row = (line: LineOfMember): string[] =>
  LINE_TABLE_COLUMNS.map((column) => (column === "amount" ? line.amount : (line[column] ?? "")));

const count = (n: number) => n.toLocaleString("en-US");

/**
 * The table a LINES cell spills: a header row, then the lines in the order they were added, at most
 * MAX_LINES_IN_A_CELL of them, with a last row saying how many were left out.
 */
async function linesTable(
  db: Database,
  members: MemberIndex,
  model: ModelFacts,
  version: VersionFacts,
  query: LinesQuery,
  scenario: string,
): Promise<QueryResult> {
  const where = `in model "${model.name}" version "${version.label}"`;
  const found = memberOfLines(members, query.member);
  if (found === undefined)
    return { error: { code: "NA", message: unknownMemberOfLines(members, query.member, where) } };
  const months = monthsOfPeriod(query.period.parsed, model.fiscalYearStartMonth);
  const filter = { selection: found.selection, scenario, months };
  const { lines } = await readLines(db, version.id, filter, { limit: MAX_LINES_IN_A_CELL });
  const table = [[...LINE_TABLE_COLUMNS], ...lines.map(row)];
  const blank = LINE_TABLE_COLUMNS.slice(1).map(() => "");
  if (lines.length === 0) {
    table.push([
      `No cost lines are booked under "${query.member}" in ${scenario} ${query.period.text}`,
      ...blank,
    ]);
  } else if (lines.length === MAX_LINES_IN_A_CELL) {
    const total = await totalOfLines(db, version.id, filter);
    if (total.lines > lines.length) {
      table.push([
        `${count(total.lines - lines.length)} more lines are not shown (${count(total.lines)} in all, ${amountText(total.amount)}): ask for a shorter period or a member lower in its hierarchy`,
        ...blank,
      ]);
    }
  }
  return { value: table };
}

/**
 * The tables of a batch's LINES cells, read from the database before the batch is answered (the
 * version's index holds figures, not lines), once per distinct cell.
 */
export async function fetchLineTables(
  db: Database,
  cells: readonly { query: LinesQuery; model: ModelFacts; version: VersionFacts; scenario: string }[],
): Promise<Map<string, QueryResult>> {
  const tables = new Map<string, QueryResult>();
  const membersOf = new Map<string, MemberIndex>();
  for (const { query, model, version, scenario } of cells) {
    const key = linesKey(version.id, query, scenario);
    if (tables.has(key)) continue;
    let members = membersOf.get(version.id);
    if (members === undefined) {
      members = new MemberIndex(await memberRows(db, version.id));
      membersOf.set(version.id, members);
    }
    tables.set(key, await linesTable(db, members, model, version, query, query.scenario ?? scenario));
  }
  return tables;
}
