import type { ExplainNode } from "../../src/contract/explain";
import { Decimal } from "../../src/engine/decimal";
import { parseFixed, toScale } from "../../src/engine/money";

const cents = (text: string) => toScale(parseFixed(text), 2);

/** Every node whose children do not add up to it, and every node of lines whose lines do not. */
export function explainBreaks(node: ExplainNode, path = node.name): string[] {
  const found: string[] = [];
  // A rate's parts are a cost and a volume: they divide, they do not add up.
  if (node.children.length > 0 && node.kind !== "rate") {
    const sum = node.children.reduce((s, c) => s.plus(c.amount), new Decimal(0));
    if (!sum.eq(node.amount)) found.push(`${path}: children add up to ${sum.toFixed()}, not ${node.amount}`);
  }
  if (node.lines !== undefined) {
    const sum = node.lines.reduce((s, l) => s + cents(l.part), 0n) + cents(node.moreLines?.part ?? "0");
    if (sum !== cents(node.amount)) found.push(`${path}: lines add up to ${sum}, not ${node.amount}`);
  }
  for (const child of node.children) found.push(...explainBreaks(child, `${path} › ${child.name}`));
  return found;
}

/** The leaves of the tree: where it ends in cost lines. */
export const leaves = (node: ExplainNode): ExplainNode[] =>
  node.children.length === 0 ? [node] : node.children.flatMap(leaves);
