import type { CostModelClient, WorkbookBinding } from "../../client";
import type { ListDimension } from "../../contract/query";

/**
 * Member names of a dimension of the bound (or given) model version, through the client's batch
 * query: cached like the cells' answers, and failing in the same words.
 */
export async function fetchMembers(
  client: CostModelClient,
  binding: WorkbookBinding | undefined,
  dimension: ListDimension,
  parent?: string,
): Promise<string[]> {
  const result = await client.query({ kind: "members", dimension, parent }, binding);
  if ("error" in result) throw new Error(result.error.message);
  return typeof result.value === "string" ? [result.value] : result.value;
}
