import type { ExplainLine } from "../../contract/explain";
import { MAX_LINES_IN_A_CELL, type LineOfMember } from "../../contract/lines";
import { centsToText, parseFixed, sumUnits, toScale } from "../../engine/money";
import { bookingKey } from "../store/lines";
import { explainLine, splitByWeights } from "./output";
import { type Booking, type MonthNode, abs } from "./tree";

/** What one booking of one month gives the cell, summed over every path of the tree that reaches it. */
export interface BookingPart {
  booking: Booking;
  period: string;
  cents: bigint;
}

const partKey = (booking: Parameters<typeof bookingKey>[0], period: string) =>
  `${bookingKey(booking)}\u0000${period}`;

/** The cents of every booking under one month's node; a node's children add up to it, so these add up to the root. */
export function bookingParts(root: MonthNode, period: string, into = new Map<string, BookingPart>()) {
  const visit = (node: MonthNode) => {
    if (node.children.length > 0) return node.children.forEach(visit);
    if (node.cents === 0n) return;
    if (node.booking === undefined) {
      throw new Error(`the explanation of ${period} has a part (${node.name}) that no cost line stands for`);
    }
    const key = partKey(node.booking, period);
    const known = into.get(key);
    if (known === undefined) into.set(key, { booking: node.booking, period, cents: node.cents });
    else known.cents += node.cents;
  };
  visit(root);
  return into;
}

export interface CellLines {
  total: { lines: number; part: string };
  lines: ExplainLine[];
  more: { count: number; part: string } | null;
}

/**
 * Each booking's cents split over its lines of that month in proportion to their amounts, by the
 * largest remainder (so a booking's lines add up to exactly its cents, and the cell's lines to the
 * cell); lines whose part is under a cent are left out, the largest parts come first.
 */
export function linesOfCell(
  parts: ReadonlyMap<string, BookingPart>,
  lines: readonly LineOfMember[],
  cap = MAX_LINES_IN_A_CELL,
): CellLines {
  const byPart = new Map<string, LineOfMember[]>();
  for (const line of lines) {
    const key = partKey(line, line.period);
    if (!parts.has(key)) continue;
    const same = byPart.get(key);
    if (same === undefined) byPart.set(key, [line]);
    else same.push(line);
  }
  const found: { line: LineOfMember; part: bigint }[] = [];
  for (const [key, { cents, booking, period }] of parts) {
    if (cents === 0n) continue;
    const booked = byPart.get(key) ?? [];
    const amounts = booked.map((line) => parseFixed(line.amount));
    const scale = Math.max(2, ...amounts.map((a) => a.scale));
    const weights = amounts.map((a) => toScale(a, scale));
    const all = sumUnits(weights);
    if (all === 0n) {
      const what = [booking.pool, booking.tower, booking.service, booking.consumer]
        .filter(Boolean)
        .join(" · ");
      throw new Error(
        `the lines of ${what} in ${period} add up to nothing, yet give the cell ${centsToText(cents)}`,
      );
    }
    const split = splitByWeights(weights, all, cents);
    booked.forEach((line, i) => split[i] !== 0n && found.push({ line, part: split[i] }));
  }
  found.sort((a, b) =>
    abs(b.part) > abs(a.part)
      ? 1
      : abs(b.part) < abs(a.part)
        ? -1
        : Number(BigInt(a.line.id) - BigInt(b.line.id)),
  );
  const shown = found.slice(0, cap);
  const rest = found.slice(cap);
  return {
    total: { lines: found.length, part: centsToText(sumUnits(found.map((f) => f.part))) },
    lines: shown.map(({ line, part }) => explainLine(line, part)),
    more:
      rest.length === 0 ? null : { count: rest.length, part: centsToText(sumUnits(rest.map((f) => f.part))) },
  };
}
