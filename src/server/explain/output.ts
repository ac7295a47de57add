import type { ExplainLine, ExplainNode, ExplainRule } from "../../contract/explain";
import { roundToTotal } from "../../engine/allocation";
import {
  type Fixed,
  centsToText,
  fixedToText,
  parseFixed,
  sumFixed,
  sumUnits,
  toScale,
} from "../../engine/money";
import type { LineOfMember } from "../../contract/lines";
import { type BookedLines, bookingKey } from "../store/lines";
import { type Booking, type MonthNode, type RuleAt, abs } from "./tree";

/** Lines shown at a node of lines; the rest are counted. */
export const SHOWN_LINES = 5;
/** Parts shown under a node, the largest first; the rest are one part, "N more". */
export const SHOWN_PARTS = 12;

/** A node summed over the months of the period: the months' nodes with the same key become one. */
export interface PeriodNode {
  key: string;
  kind: string;
  name: string;
  cents: bigint;
  rules: RuleAt[];
  booking?: Booking;
  children: PeriodNode[];
}

export function mergeMonths(nodes: readonly MonthNode[]): PeriodNode {
  const [first] = nodes;
  const children = new Map<string, MonthNode[]>();
  for (const node of nodes) {
    for (const child of node.children) {
      const same = children.get(child.key);
      if (same === undefined) children.set(child.key, [child]);
      else same.push(child);
    }
  }
  const merged = [...children.values()].map(mergeMonths).filter((n) => n.cents !== 0n);
  merged.sort((a, b) => (abs(b.cents) > abs(a.cents) ? 1 : abs(b.cents) < abs(a.cents) ? -1 : 0));
  return {
    key: first.key,
    kind: first.kind,
    name: first.name,
    cents: sumUnits(nodes.map((n) => n.cents)),
    rules: nodes.flatMap((n) => (n.rule === undefined ? [] : [n.rule])),
    booking: first.booking,
    children: merged,
  };
}

/** The rule in a controller's words, its driver's quantities summed over the months. */
function describeRule(rules: readonly RuleAt[]): ExplainRule | undefined {
  const [first] = rules;
  if (first === undefined) return undefined;
  // Rules without figures: how a support service or a line booked to a consumer gets there.
  const plain = (stage: string, method: string, text: string): ExplainRule => ({
    stage,
    method,
    driver: null,
    quantity: null,
    of: null,
    text,
  });
  if (first.kind === "support") {
    return plain(
      "service_to_service",
      "reciprocal",
      "a support service: its cost is shared with the services it supports (reciprocal method)",
    );
  }
  if (first.kind === "direct") return plain("booked", "direct", `booked straight to ${first.consumer}`);
  const figures = rules.filter((r): r is Extract<RuleAt, { kind: "rule" }> => r.kind === "rule");
  const summed = (values: (Fixed | null)[]) =>
    values.some((v) => v !== null) ? sumFixed(values.filter((v): v is Fixed => v !== null)) : null;
  const quantity = summed(figures.map((r) => r.quantity));
  const of = summed(figures.map((r) => r.of));
  let text: string;
  if (first.method === "driver") {
    text = `by ${first.driver}: ${first.target} ${fixedToText(quantity ?? { units: 0n, scale: 0 })} of ${fixedToText(of ?? { units: 0n, scale: 0 })}`;
  } else if (first.method === "percent") {
    text = `${fixedToText(first.percent ?? { units: 0n, scale: 0 })} percent to ${first.target}`;
  } else {
    text = `evenly over ${first.targets} ${first.targets === 1 ? "target" : "targets"}`;
  }
  return {
    stage: first.stage,
    method: first.method,
    driver: first.driver,
    quantity: quantity === null ? null : fixedToText(quantity),
    of: of === null ? null : fixedToText(of),
    text,
  };
}

/** The share of a part in its parent, as a decimal fraction to four places. */
function shareOf(part: bigint, whole: bigint): string | undefined {
  if (whole === 0n) return undefined;
  // A ratio for reading, not money: a double is enough.
  return (Number((part * 1_000_000n) / whole) / 1_000_000).toFixed(4);
}

/** The node as the answer gives it, with the largest lines of each node of lines. */
export function toAnswer(
  node: PeriodNode,
  booked: ReadonlyMap<string, BookedLines>,
  parent?: bigint,
): ExplainNode {
  const answer: ExplainNode = {
    kind: node.kind,
    name: node.name,
    amount: centsToText(node.cents),
    ...(parent === undefined ? {} : { share: shareOf(node.cents, parent) }),
    children: [],
  };
  const rule = describeRule(node.rules);
  if (rule !== undefined) answer.rule = rule;
  // A pool's part is its own lines: they hang from the pool itself.
  const [only] = node.children;
  const ownLines =
    node.kind === "pool" && node.children.length === 1 && only.kind === "lines" ? only : undefined;
  const booking = ownLines?.booking ?? node.booking;
  const children = ownLines === undefined ? node.children : [];
  for (const child of children.slice(0, SHOWN_PARTS))
    answer.children.push(toAnswer(child, booked, node.cents));
  if (children.length > SHOWN_PARTS) {
    const rest = children.slice(SHOWN_PARTS);
    const cents = sumUnits(rest.map((c) => c.cents));
    answer.children.push({
      kind: "more",
      name: `${rest.length} more`,
      amount: centsToText(cents),
      ...(node.cents === 0n ? {} : { share: shareOf(cents, node.cents) }),
      children: [],
    });
  }
  if (booking !== undefined) Object.assign(answer, linesOf(booked.get(bookingKey(booking)), node.cents));
  return answer;
}

/** A booking's shown lines and the rest as whole units, worked out once per booking. */
const weighed = new WeakMap<BookedLines, { weights: bigint[]; all: bigint }>();

function weightsOf(booked: BookedLines): { weights: bigint[]; all: bigint } {
  let found = weighed.get(booked);
  if (found === undefined) {
    const amounts = booked.lines.map((l) => parseFixed(l.amount));
    const total = parseFixed(booked.amount);
    const scale = Math.max(2, total.scale, ...amounts.map((a) => a.scale));
    const units = amounts.map((a) => toScale(a, scale));
    const all = toScale(total, scale);
    found = { weights: [...units, all - sumUnits(units)], all };
    weighed.set(booked, found);
  }
  return found;
}

/** `cents` split over `weights` (which add up to `all`, not zero) by the largest remainder, to the cent. */
export function splitByWeights(weights: readonly bigint[], all: bigint, cents: bigint): bigint[] {
  const sign = all < 0n ? -1n : 1n;
  return roundToTotal({ numerators: weights.map((w) => w * cents * sign), denominator: all * sign }, cents);
}

/** A cost line as explain shows it, with its part (in cents) of the node or cell. */
export function explainLine(line: LineOfMember, part: bigint): ExplainLine {
  return {
    id: line.id,
    account: line.account ?? null,
    pool: line.pool,
    tower: line.tower ?? null,
    service: line.service ?? null,
    consumer: line.consumer ?? null,
    period: line.period,
    description: line.description ?? null,
    importId: line.importId,
    amount: line.amount,
    part: centsToText(part),
  };
}

/** The largest lines of a booking, each with its part of the node, and what the others make. */
function linesOf(booked: BookedLines | undefined, cents: bigint): Pick<ExplainNode, "lines" | "moreLines"> {
  if (booked === undefined) return { lines: [] };
  const { lines } = booked;
  const { weights, all } = weightsOf(booked);
  const parts =
    all === 0n
      ? weights.map((_, i) => (i === weights.length - 1 ? cents : 0n))
      : splitByWeights(weights, all, cents);
  const shown = lines.map((line, i) => explainLine(line, parts[i]));
  const rest = booked.count - lines.length;
  return {
    lines: shown,
    ...(rest > 0 ? { moreLines: { count: rest, part: centsToText(parts[parts.length - 1]) } } : {}),
  };
}
