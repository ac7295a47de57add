import { z } from "zod";
import { Dimension, MemberName } from "./model";

/**
 * Period of a query: a month (2027-03), a quarter (2027-Q1), a calendar year (2027) or a fiscal
 * year (FY2027, using the model's first fiscal month).
 */
export const QueryPeriod = z
  .string()
  .trim()
  .regex(
    /^(\d{4}-(0[1-9]|1[0-2])|\d{4}-Q[1-4]|\d{4}|FY\d{4})$/i,
    "must be a period such as 2027-03, 2027-Q1, 2027 or FY2027",
  );

/** A version reference: a label ("FY27 Budget v3"), an id, or "latest" (newest published). */
export const VersionRef = z.string().trim().min(1).max(200);

const common = {
  /** Overrides the request's default version. */
  version: VersionRef.optional(),
};
const withScenario = { ...common, scenario: MemberName.optional() };

export const CellQuery = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("cost"), member: MemberName, period: QueryPeriod, ...withScenario }),
  z.object({
    kind: z.literal("allocated"),
    member: MemberName,
    consumer: MemberName,
    period: QueryPeriod,
    ...withScenario,
  }),
  z.object({
    kind: z.literal("driver"),
    driver: MemberName,
    consumer: MemberName,
    period: QueryPeriod,
    ...withScenario,
  }),
  z.object({ kind: z.literal("rate"), service: MemberName, period: QueryPeriod, ...withScenario }),
  z.object({
    kind: z.literal("members"),
    dimension: z.union([Dimension, z.enum(["period", "scenario"])]),
    parent: MemberName.optional(),
    ...common,
  }),
  z.object({
    kind: z.literal("model"),
    field: z.enum(["name", "version", "status", "published", "currency", "server"]),
    ...common,
  }),
]);
export type CellQuery = z.infer<typeof CellQuery>;

export const MAX_QUERIES_PER_REQUEST = 5000;

export const QueryRequest = z.object({
  /** Model id or name within the caller's tenant. */
  model: z.string().trim().min(1).max(200),
  /** Default version for queries without one; "latest" = newest published version. */
  version: VersionRef.default("latest"),
  /** Default scenario for queries without one. */
  scenario: MemberName.default("Actual"),
  /**
   * Each element is validated on its own, so one malformed query gets an error result in its
   * place and never fails the others.
   */
  queries: z.array(z.unknown()).min(1).max(MAX_QUERIES_PER_REQUEST),
});
export type QueryRequest = z.input<typeof QueryRequest>;

/** Error codes map one to one onto Excel errors: NA -> #N/A, VALUE -> #VALUE!, ... */
export const QueryErrorCode = z.enum(["NA", "VALUE", "NUM", "REF", "DIV0"]);
export type QueryErrorCode = z.infer<typeof QueryErrorCode>;

export const QueryResult = z.union([
  z.object({ value: z.union([z.string(), z.array(z.string())]) }),
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
