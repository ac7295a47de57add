import { isLatest, LATEST, type CellQuery, type QueryResult } from "../contract/query";
import { resolveBinding, type WorkbookBinding } from "./binding";
import { errorResult, notBound } from "./messages";

/** A query as sent: version and scenario travel at request level. */
export type SentQuery = Omit<CellQuery, "version" | "scenario">;
/** Hands a cell its answer, saying whether it came from the cache or, offline, from the last known values. */
/** How a cell was answered when not by the service: from the cache, a last known value, or not at all. */
export type Answered = "cache" | "offline" | "unreachable";

export type Settle = (result: QueryResult, how?: Answered) => void;

/** One formula call waiting for its answer. */
export interface Waiting {
  cell: CellQuery;
  binding: WorkbookBinding | undefined;
  settle: Settle;
}

/** Identical queries of one wave: asked once, answered to every cell that asked. */
export interface Item {
  key: string;
  query: SentQuery;
  settles: Settle[];
  answered: boolean;
  /** Set while a request for it is under way (later waves join it instead of asking again): ends that. */
  land?: () => void;
}

/** Hands every cell of `item` its answer, once. */
export function answerItem(item: Item, result: QueryResult, how?: Answered): void {
  if (item.answered) return;
  item.answered = true;
  item.land?.();
  for (const settle of item.settles) settle(result, how);
}

/** Queries that share the request-level fields, so they can travel in one request. */
export interface Group {
  serviceUrl: string;
  model: string;
  version: string;
  scenario: string;
  items: Map<string, Item>;
}

/** The same text for the same query, whatever the order of its fields. */
export function canonicalKey(query: SentQuery): string {
  return JSON.stringify(Object.fromEntries(Object.entries(query).sort(([a], [b]) => (a < b ? -1 : 1))));
}

/**
 * Sorts a wave's cells into groups that can travel in one request each (same service, model,
 * version and scenario), with identical queries merged into one item. Cells that cannot be asked
 * (no binding) are answered here.
 */
export function groupWave(
  wave: readonly Waiting[],
  workbookBinding: WorkbookBinding | undefined,
  defaultServiceUrl: string | undefined,
): Group[] {
  const groups = new Map<string, Group>();
  for (const waiting of wave) {
    const binding = waiting.binding ?? workbookBinding;
    if (binding === undefined) {
      waiting.settle(notBound());
      continue;
    }
    const resolved = resolveBinding(binding, defaultServiceUrl);
    if (typeof resolved === "string") {
      waiting.settle(errorResult("NA", resolved));
      continue;
    }
    const { version, scenario, ...query } = { scenario: undefined, ...waiting.cell };
    const requestVersion = version ?? resolved.version;
    const fields = {
      ...resolved,
      version: isLatest(requestVersion) ? LATEST : requestVersion,
      scenario: scenario ?? resolved.scenario,
    };
    const groupKey = JSON.stringify([fields.serviceUrl, fields.model, fields.version, fields.scenario]);
    let group = groups.get(groupKey);
    if (group === undefined) groups.set(groupKey, (group = { ...fields, items: new Map() }));
    const key = canonicalKey(query);
    let item = group.items.get(key);
    if (item === undefined) group.items.set(key, (item = { key, query, settles: [], answered: false }));
    item.settles.push(waiting.settle);
  }
  return [...groups.values()];
}
