import type { CostModelClient, WorkbookBinding } from "../../client";
import { MEMBER_LISTS } from "../../contract/formulas";
import type { ListDimension } from "../../contract/query";
import { periodGroups } from "../formulas/periods";
import { fetchModel, fetchVersionsOfModel } from "./models";

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
  return [result.value].flat(2);
}

/** The bound model's first fiscal month (1 = January); January when the service cannot say. */
async function fetchFiscalYearStart(client: CostModelClient, binding: WorkbookBinding): Promise<number> {
  try {
    return (await fetchModel(client, binding.serviceUrl, binding.model))?.fiscalYearStartMonth ?? 1;
  } catch {
    // Only the fiscal years offered depend on it: the list of months still comes (or fails) on its own.
    return 1;
  }
}

/** A heading and the names under it, as the Insert builder lists them. */
export interface NamedList {
  label: string;
  names: string[];
}

/**
 * The names the builder offers for the lists `dimensions` of the bound model, one group per list;
 * periods come as its fiscal years, years, quarters and months. Asked together, in one request.
 */
export async function fetchLists(
  client: CostModelClient,
  binding: WorkbookBinding,
  dimensions: readonly ListDimension[],
): Promise<NamedList[]> {
  const lists = await Promise.all(
    dimensions.map(async (dimension): Promise<NamedList[]> => {
      const names = await fetchMembers(client, binding, dimension);
      if (dimension !== "period") return [{ label: MEMBER_LISTS[dimension], names }];
      return periodGroups(names, await fetchFiscalYearStart(client, binding));
    }),
  );
  return lists.flat();
}

/** The bound model's versions by label, newest first, as the builder offers them for a version argument. */
export async function fetchVersionLists(
  client: CostModelClient,
  binding: WorkbookBinding,
): Promise<NamedList[]> {
  const versions = await fetchVersionsOfModel(client, binding.serviceUrl, binding.model);
  const newestFirst = [...versions].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return [{ label: "Versions", names: newestFirst.map((version) => version.label) }];
}
