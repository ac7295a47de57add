import { LATEST, type CellQuery, type QueryResult } from "../contract/query";
import type { CachedResult, Partition, ResultCache } from "./cache";
import type { ServiceConnection } from "./connection";
import { failureOf } from "./failures";
import { queryCall } from "./transport";
import { canonicalKey, type Group } from "./wave";

/** Which published version "latest" is right now: asked before the queries of a "latest" binding. */
const VERSION_QUERY: CellQuery = { kind: "model", field: "version" };
const VERSION_KEY = canonicalKey(VERSION_QUERY);

/** No answer; `label` is the version "latest" was when last known, whose answers offline cells may show. */
type Unreachable = { kind: "unreachable"; reason: string; label?: string };
/** The error every cell of the model gets. */
type Failed = { kind: "failed"; result: QueryResult };
type LatestAnswer = { kind: "answer"; result: QueryResult } | Failed | Unreachable;
export type Resolution = { kind: "resolved"; label: string } | Failed | Unreachable;

/** The version label a cached MODEL("version") answer holds. */
function labelIn(entry: CachedResult | undefined): string | undefined {
  return entry !== undefined && "value" in entry.result && typeof entry.result.value === "string"
    ? entry.result.value
    : undefined;
}

/** MODEL("version") of "latest" answered: a label to ask by, or the error every cell of the model gets. */
function resolution(result: QueryResult): Resolution {
  if ("value" in result && typeof result.value === "string") return { kind: "resolved", label: result.value };
  return { kind: "failed", result };
}

/**
 * Which published version "latest" is. The service never marks answers about "latest" as
 * immutable (it moves when a version is published), so the client asks for the label first,
 * reuses it for the short lifetime, and asks everything else by label: those answers are
 * immutable and cached for good. One resolution serves every scenario of the model, and one
 * request however many groups need it at once.
 */
export class VersionResolver {
  private readonly resolving = new Map<string, Promise<LatestAnswer>>();

  constructor(
    private readonly cache: ResultCache,
    private readonly connection: ServiceConnection,
    private readonly now: () => number,
  ) {}

  async resolve(group: Group, account: string, token: string): Promise<Resolution> {
    const partition = await this.cache.partition({ ...group, account, version: LATEST, scenario: "" });
    const known = partition.entries.get(VERSION_KEY);
    if (known !== undefined && this.cache.isFresh(known)) return resolution(known.result);
    let asking = this.resolving.get(partition.storageKey);
    if (asking === undefined) {
      asking = this.ask(group, token, partition).finally(() => this.resolving.delete(partition.storageKey));
      this.resolving.set(partition.storageKey, asking);
    }
    const outcome = await asking;
    if (outcome.kind === "unreachable") return { ...outcome, label: labelIn(known) };
    return outcome.kind === "failed" ? outcome : resolution(outcome.result);
  }

  private async ask(group: Group, token: string, partition: Partition): Promise<LatestAnswer> {
    const request = {
      model: group.model,
      version: LATEST,
      scenario: group.scenario,
      queries: [VERSION_QUERY],
    };
    const outcome = await this.connection.request(...queryCall(group.serviceUrl, token, request));
    if (outcome.kind !== "answer") return failureOf(outcome);
    const result = outcome.value.results[0];
    this.cache.put(partition, VERSION_KEY, { result, at: this.now(), immutable: false });
    return { kind: "answer", result };
  }
}
