import type { CostModelClient } from "./client";
import { createOfficeCostModelClient } from "./office";

/**
 * The custom functions and the task pane are separate bundles in one shared runtime, so the one
 * client they share lives on the global object, under a key both bundles compute alike.
 */
const SHARED_CLIENT = Symbol.for("itfm.costModelClient");

type WithSharedClient = { [SHARED_CLIENT]?: CostModelClient };

/** The runtime's client, created on first use with OfficeRuntime.storage and the workbook's binding. */
export function sharedCostModelClient(): CostModelClient {
  const holder = globalThis as WithSharedClient;
  holder[SHARED_CLIENT] ??= createOfficeCostModelClient();
  return holder[SHARED_CLIENT];
}

/** Makes `client` the one the formulas use; returns the one it replaces (the caller may close it). */
export function replaceSharedCostModelClient(client: CostModelClient): CostModelClient | undefined {
  const holder = globalThis as WithSharedClient;
  const previous = holder[SHARED_CLIENT];
  holder[SHARED_CLIENT] = client;
  return previous;
}
