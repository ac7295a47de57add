import { z } from "zod";
import { MAX_PAGE, StoredCostLine } from "./api";
import { Dimension, MemberName } from "./model";
import { QueryPeriod } from "./query";

/**
 * Drill-through: the cost lines under a member for a period, roll-ups included. A pool's or an
 * account's lines are all its cost; a tower's, a service's or a consumer's are the lines booked to it
 * (what reaches it by allocation comes from the lines of the pools above it).
 */
export const LinesQuery = z.object({
  member: MemberName,
  /** A month, quarter, calendar year or fiscal year, as the formulas take them. */
  period: QueryPeriod,
  scenario: MemberName.default("Actual"),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(1000),
  /** The `next` of the previous page. */
  after: z
    .string()
    .regex(/^\d{1,18}$/, "must be the id of a row, from the previous page's next")
    .optional(),
});
export type LinesQuery = z.infer<typeof LinesQuery>;

export const LineOfMember = StoredCostLine.extend({
  /** The import that brought the line; null for lines added by hand or restored. */
  importId: z.string().nullable(),
});
export type LineOfMember = z.infer<typeof LineOfMember>;

export const LinesPage = z.object({
  member: z.object({ dimension: Dimension, name: z.string() }),
  scenario: z.string(),
  /** The months the period covers. */
  months: z.array(z.string()),
  /** Every line under the member in the period, not only this page's. */
  total: z.object({ lines: z.number().int(), amount: z.string() }),
  lines: z.array(LineOfMember),
  next: z.string().nullable(),
});
export type LinesPage = z.infer<typeof LinesPage>;

/** The columns ITFM.LINES spills, in order, under a header row of these names. */
export const LINE_TABLE_COLUMNS = [
  "account",
  "pool",
  "tower",
  "service",
  "consumer",
  "period",
  "amount",
  "description",
] as const;

/** ITFM.LINES shows at most this many lines; a last row says how many more there are. */
export const MAX_LINES_IN_A_CELL = 10_000;
