import { z } from "zod";
import { Dimension, MemberName } from "./model";
import { notAPeriod, type Period, parsePeriod } from "./period";
import { LineText } from "./text";

/** Marks an issue whose message names the input itself, so readers do not put its path before it. */
const SELF_NAMED = { selfNamed: true } as const;

/** One problem of a query in words: its path first ("member: …") unless the message names the input. */
export function issueText(issue: z.core.$ZodIssue): string {
  const selfNamed = issue.code === "custom" && issue.params?.selfNamed === true;
  return selfNamed || issue.path.length === 0
    ? issue.message
    : `${issue.path.map(String).join(".")}: ${issue.message}`;
}

/**
 * Period of a query: a month (2027-03), a quarter (2027-Q1), a calendar year (2027) or a fiscal
 * year (FY2027, using the model's first fiscal month).
 */
export const QueryPeriod = z
  .string()
  .trim()
  .refine((text) => parsePeriod(text) !== null, {
    error: (issue) => notAPeriod(String(issue.input)),
    params: SELF_NAMED,
  });

/** The same period as the service reads it: parsed once, the text kept for messages. */
export const ParsedQueryPeriod = z
  .string()
  .trim()
  .transform((text, ctx): { text: string; parsed: Period } => {
    const period = parsePeriod(text);
    if (period === null) {
      ctx.addIssue({ code: "custom", message: notAPeriod(text), params: SELF_NAMED });
      return z.NEVER;
    }
    return { text, parsed: period };
  });

/** A version reference: a label ("FY27 Budget v3"), an id, or "latest" (newest published). */
export const VersionRef = LineText.min(1).max(200);

/** The version reference that means the newest published version. */
export const LATEST = "latest";

export function isLatest(version: string): boolean {
  return version.trim().toLowerCase() === LATEST;
}

/** What MEMBERS lists: the model's dimensions, and its periods and scenarios. */
export const ListDimension = z.union([Dimension, z.enum(["period", "scenario"])]);
export type ListDimension = z.infer<typeof ListDimension>;

/** The facts MODEL answers. */
export const ModelField = z.enum(["name", "version", "status", "published", "currency", "server"]);
export type ModelField = z.infer<typeof ModelField>;

const common = {
  /** Overrides the request's default version. */
  version: VersionRef.optional(),
};
const withScenario = { ...common, scenario: MemberName.optional() };

/** The cell queries, with the schema their period is read with. */
function cellQuery<P extends z.ZodType<unknown, string>>(period: P) {
  return z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("cost"), member: MemberName, period, ...withScenario }),
    z.object({
      kind: z.literal("allocated"),
      member: MemberName,
      consumer: MemberName,
      period,
      ...withScenario,
    }),
    z.object({
      kind: z.literal("driver"),
      driver: MemberName,
      consumer: MemberName,
      period,
      ...withScenario,
    }),
    z.object({ kind: z.literal("rate"), service: MemberName, period, ...withScenario }),
    z.object({ kind: z.literal("lines"), member: MemberName, period, ...withScenario }),
    z.object({
      kind: z.literal("members"),
      dimension: ListDimension,
      parent: MemberName.optional(),
      ...common,
    }),
    z.object({
      kind: z.literal("model"),
      field: ModelField,
      ...common,
    }),
  ]);
}

export const CellQuery = cellQuery(QueryPeriod);
export type CellQuery = z.infer<typeof CellQuery>;

/** A cell query as the service reads it: the same fields, its period already parsed. */
export const ParsedCellQuery = cellQuery(ParsedQueryPeriod);
export type ParsedCellQuery = z.infer<typeof ParsedCellQuery>;

export const MAX_QUERIES_PER_REQUEST = 5000;

export const QueryRequest = z.object({
  /** Model id or name within the caller's tenant. */
  model: LineText.min(1).max(200),
  /** Default version for queries without one; "latest" = newest published version. */
  version: VersionRef.default(LATEST),
  /** Default scenario for queries without one. */
  scenario: MemberName.default("Actual"),
  /**
   * Each element is validated on its own, so one malformed query gets an error result in its
   * place and never fails the others.
   */
  queries: z.array(z.unknown()).min(1).max(MAX_QUERIES_PER_REQUEST),
});
export type QueryRequest = z.input<typeof QueryRequest>;
/** A request as validated: defaults filled in, names trimmed. */
export type ValidQueryRequest = z.output<typeof QueryRequest>;

/** Error codes map one to one onto Excel errors: NA -> #N/A, VALUE -> #VALUE!, ... */
export const QueryErrorCode = z.enum(["NA", "VALUE", "NUM", "REF", "DIV0"]);
export type QueryErrorCode = z.infer<typeof QueryErrorCode>;

export const QueryResult = z.union([
  /** A figure or a fact; a list (MEMBERS); a table of rows (LINES). */
  z.object({ value: z.union([z.string(), z.array(z.string()), z.array(z.array(z.string()))]) }),
  z.object({ error: z.object({ code: QueryErrorCode, message: z.string() }) }),
]);
export type QueryResult = z.infer<typeof QueryResult>;

export const QueryResponse = z.object({
  /** One result per query, in the order of the request. */
  results: z.array(QueryResult),
  /** True when every query was answered from published versions only (cacheable forever). */
  immutable: z.boolean(),
});
export type QueryResponse = z.infer<typeof QueryResponse>;
