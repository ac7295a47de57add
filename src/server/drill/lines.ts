import { closestName } from "../../contract/closest-name";
import type { LinesPage, LinesQuery } from "../../contract/lines";
import { monthsOfPeriod, parsePeriod, type Period } from "../../contract/period";
import { parseFixed, toScale, unitsToText } from "../../engine/money";
import type { Sql } from "../db";
import { HttpError } from "../errors";
import { directNamer } from "../publish/direct";
import { MemberIndex } from "../publish/members";
import { COST_DIMENSIONS } from "../query/lookup-order";
import { type BookingColumn, type LineSelection, readLines, totalOfLines } from "../store/lines";
import { memberRows } from "../store/members";

/** A name is looked up in the dimensions COST reads, in its order: each is a column lines are booked by. */
const LINE_DIMENSIONS: readonly ((typeof COST_DIMENSIONS)[number] & BookingColumn)[] = COST_DIMENSIONS;

export interface MemberOfLines {
  dimension: (typeof LINE_DIMENSIONS)[number];
  name: string;
  selection: LineSelection;
}

/**
 * The lines under a name: the member's own and its descendants' bookings, or, for a "Direct from"
 * member of the allocation's results, the lines that skip a tower or a service that way.
 */
export function memberOfLines(members: MemberIndex, name: string): MemberOfLines | undefined {
  for (const dimension of LINE_DIMENSIONS) {
    if (members.has(dimension, name)) {
      const selection = {
        kind: "booked" as const,
        column: dimension,
        members: members.subtree(dimension, name),
      };
      return { dimension, name, selection };
    }
  }
  const direct = directNamer(members);
  // The towers come before the services, as COST reads a name.
  for (const pool of members.names("pool")) {
    if (direct("tower", pool) === name)
      return { dimension: "tower", name, selection: { kind: "no_tower", pool } };
  }
  for (const from of [...members.names("tower"), ...members.names("pool")]) {
    if (direct("service", from) === name)
      return { dimension: "service", name, selection: { kind: "no_service", from } };
  }
  return undefined;
}

/** The message for a name that is no member lines are booked to, with the member it most likely meant. */
export function unknownMemberOfLines(members: MemberIndex, name: string, where: string): string {
  const meant = closestName(
    name,
    LINE_DIMENSIONS.flatMap((dimension) => members.names(dimension)),
  );
  return `No pool, tower, service, account or consumer is named "${name}" ${where}${meant ? ` — did you mean "${meant}"?` : ""}`;
}

/** A decimal sum as amounts are written: at least two decimals ("1250.00"), finer ones kept. */
export function amountText(sum: string): string {
  const fixed = parseFixed(sum);
  const scale = Math.max(2, fixed.scale);
  return unitsToText(toScale(fixed, scale), scale);
}

/** One page of the lines under a member in a period, with the count and sum of all of them. */
export async function linesOfMember(
  sql: Sql,
  version: { id: string; label: string },
  fiscalYearStartMonth: number,
  query: LinesQuery,
): Promise<LinesPage> {
  const members = new MemberIndex(await memberRows(sql, version.id));
  const found = memberOfLines(members, query.member);
  if (found === undefined) {
    throw new HttpError(
      404,
      "not_found",
      unknownMemberOfLines(members, query.member, `in version "${version.label}"`),
    );
  }
  const months = monthsOfPeriod(parsePeriod(query.period) as Period, fiscalYearStartMonth);
  const filter = { selection: found.selection, scenario: query.scenario, months };
  const page = await readLines(sql, version.id, filter, { after: query.after, limit: query.limit });
  const total = await totalOfLines(sql, version.id, filter);
  return {
    member: { dimension: found.dimension, name: found.name },
    scenario: query.scenario,
    months,
    total: { lines: total.lines, amount: amountText(total.amount) },
    lines: page.lines,
    next: page.next,
  };
}
