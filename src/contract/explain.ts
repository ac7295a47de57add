import { z } from "zod";
import { MemberName } from "./model";
import { LATEST, VersionRef } from "./query";
import { LineText } from "./text";

/** One cell to explain: the arguments of COST, ALLOCATED, RATE or DRIVER, as the batch query takes them. */
export const ExplainRequest = z.object({
  model: LineText.min(1).max(200),
  version: VersionRef.default(LATEST),
  scenario: MemberName.default("Actual"),
  /** A cell query of kind cost, allocated, rate or driver. */
  query: z.unknown(),
});
export type ExplainRequest = z.input<typeof ExplainRequest>;

/** The rule that moved a node's amount to where its parent is, in figures and in words. */
export const ExplainRule = z.object({
  stage: z.string(),
  method: z.string(),
  driver: z.string().nullable(),
  /** For a driver: the target's quantity and the quantity of all the rule's targets. */
  quantity: z.string().nullable(),
  of: z.string().nullable(),
  /** What a controller reads: "by Headcount: Sales 120 of 540". */
  text: z.string(),
});
export type ExplainRule = z.infer<typeof ExplainRule>;

export const ExplainLine = z.object({
  id: z.string(),
  account: z.string().nullable(),
  pool: z.string(),
  tower: z.string().nullable(),
  service: z.string().nullable(),
  consumer: z.string().nullable(),
  period: z.string(),
  description: z.string().nullable(),
  importId: z.string().nullable(),
  /** The line's own amount, and the part of it in this node. */
  amount: z.string(),
  part: z.string(),
});
export type ExplainLine = z.infer<typeof ExplainLine>;

export interface ExplainNode {
  /** pool, tower, service, consumer, account, lines, rate, driver */
  kind: string;
  name: string;
  /** Its part of the cell's value; the children's amounts add up to it exactly. */
  amount: string;
  /** Its amount over its parent's, as a decimal fraction ("0.4213"); absent at the root. */
  share?: string;
  rule?: ExplainRule;
  children: ExplainNode[];
  /** At a node of cost lines: the largest lines, each with its part, then the rest. */
  lines?: ExplainLine[];
  moreLines?: { count: number; part: string };
}

export const ExplainNode: z.ZodType<ExplainNode> = z.lazy(() =>
  z.object({
    kind: z.string(),
    name: z.string(),
    amount: z.string(),
    share: z.string().optional(),
    rule: ExplainRule.optional(),
    children: z.array(ExplainNode),
    lines: z.array(ExplainLine).optional(),
    moreLines: z.object({ count: z.number().int(), part: z.string() }).optional(),
  }),
);

export const ExplainAnswer = z.object({
  /** The cell's value, as the batch query answers it. */
  value: z.string(),
  scenario: z.string(),
  months: z.array(z.string()),
  tree: ExplainNode,
});
export type ExplainAnswer = z.infer<typeof ExplainAnswer>;

/** Every cost line behind a COST or ALLOCATED cell, each with its part of the cell, the largest first. */
export const ExplainLinesAnswer = z.object({
  value: z.string(),
  scenario: z.string(),
  months: z.array(z.string()),
  /** All the lines behind the cell; their parts add up exactly to its value. */
  total: z.object({ lines: z.number().int(), part: z.string() }),
  lines: z.array(ExplainLine),
  /** The lines left out past the cap, and what their parts make. */
  more: z.object({ count: z.number().int(), part: z.string() }).nullable(),
});
export type ExplainLinesAnswer = z.infer<typeof ExplainLinesAnswer>;
