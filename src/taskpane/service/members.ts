import type { CostModelClient, WorkbookBinding } from "../../client";
import type { MemberDimension } from "../formulas/catalog";

/** Member names of a dimension of the bound (or given) model version, through the client's batch query. */
export async function fetchMembers(
  client: CostModelClient,
  binding: WorkbookBinding | undefined,
  dimension: MemberDimension,
  parent?: string,
): Promise<string[]> {
  const result = await client.query({ kind: "members", dimension, parent }, binding);
  if ("error" in result) throw new Error(result.error.message);
  return typeof result.value === "string" ? [result.value] : result.value;
}
