import { isLatest } from "../contract/query";
import type { Auth } from "./auth";
import type { Partition, ResultCache } from "./cache";
import type { ServiceConnection } from "./connection";
import { failureOf } from "./failures";
import { errorResult, notConnected } from "./messages";
import type { StatusBoard } from "./status";
import { queryCall } from "./transport";
import type { VersionResolver } from "./versions";
import { answerItem, type Group, type Item } from "./wave";

/** One request's context: where its answers are kept and how it is authorized. */
interface Send {
  serviceUrl: string;
  model: string;
  version: string;
  scenario: string;
  token: string;
  partition: Partition;
}

/** Names the cache partitions of one sign-in: a digest, so the token itself is never part of a key. */
async function accountOf(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export interface SenderParts {
  auth: Auth;
  cache: ResultCache;
  connection: ServiceConnection;
  versions: VersionResolver;
  board: StatusBoard;
  now(): number;
  /** Queries per request; a request the service finds too large (413) is split in halves. */
  maxQueriesPerRequest: number;
}

/**
 * Answers the cells of one group (same service, model, version and scenario): from the cache
 * when it can, by joining a request already under way, or in requests of at most
 * maxQueriesPerRequest queries; offline, with each cell's last known value.
 */
export class Sender {
  private readonly inFlight = new Map<string, Item>();

  constructor(private readonly parts: SenderParts) {}

  async answer(group: Group): Promise<void> {
    const { auth, cache, versions } = this.parts;
    const items = [...group.items.values()];
    const authorization = auth.authorize(group.serviceUrl);
    if ("refused" in authorization) {
      for (const item of items) answerItem(item, errorResult("NA", authorization.refused));
      return;
    }
    const { token } = authorization;
    const account = await accountOf(token);
    const partitionOf = (version: string) => cache.partition({ ...group, account, version });
    let version = group.version;
    if (isLatest(version)) {
      const latest = await versions.resolve(group, account, token);
      if (latest.kind === "failed") {
        for (const item of items) answerItem(item, latest.result);
        return;
      }
      if (latest.kind === "unreachable") {
        const partition = latest.label === undefined ? undefined : await partitionOf(latest.label);
        return this.answerOffline(items, latest.reason, partition);
      }
      version = latest.label;
    }
    const partition = await partitionOf(version);
    const toSend = items.filter((item) => this.needsRequest(item, partition));
    const send: Send = { ...group, version, token, partition };
    const { maxQueriesPerRequest } = this.parts;
    const chunks: Item[][] = [];
    for (let i = 0; i < toSend.length; i += maxQueriesPerRequest) {
      chunks.push(toSend.slice(i, i + maxQueriesPerRequest));
    }
    await Promise.all(chunks.map((chunk) => this.send(send, chunk)));
  }

  /**
   * Answers `item` from the cache, or has its cells join the request already under way for the
   * same query; otherwise marks it as under way: it must be sent.
   */
  private needsRequest(item: Item, partition: Partition): boolean {
    const entry = partition.entries.get(item.key);
    if (entry !== undefined && this.parts.cache.isFresh(entry)) {
      answerItem(item, entry.result, "cache");
      return false;
    }
    const flightKey = partition.storageKey + item.key;
    const flying = this.inFlight.get(flightKey);
    if (flying !== undefined) {
      flying.settles.push(...item.settles.splice(0));
      return false;
    }
    this.inFlight.set(flightKey, item);
    item.land = () => {
      if (this.inFlight.get(flightKey) === item) this.inFlight.delete(flightKey);
    };
    return true;
  }

  private async send(send: Send, chunk: Item[]): Promise<void> {
    const request = {
      model: send.model,
      version: send.version,
      scenario: send.scenario,
      queries: chunk.map((item) => item.query),
    };
    const outcome = await this.parts.connection.request(...queryCall(send.serviceUrl, send.token, request));
    if (outcome.kind === "refused" && outcome.status === 413 && chunk.length > 1) {
      const half = Math.ceil(chunk.length / 2);
      await Promise.all([this.send(send, chunk.slice(0, half)), this.send(send, chunk.slice(half))]);
      return;
    }
    if (outcome.kind !== "answer") {
      const failure = failureOf(outcome);
      if (failure.kind === "unreachable") return this.answerOffline(chunk, failure.reason, send.partition);
      for (const item of chunk) answerItem(item, failure.result);
      return;
    }
    const now = this.parts.now();
    const { results, immutable } = outcome.value;
    chunk.forEach((item, i) => {
      this.parts.cache.put(send.partition, item.key, { result: results[i], at: now, immutable });
      answerItem(item, results[i]);
    });
  }

  /** Offline: each cell shows the last answer ever given to its query, or says it is not connected. */
  private answerOffline(items: Item[], reason: string, partition: Partition | undefined): void {
    const now = new Date(this.parts.now());
    for (const item of items) {
      const last = partition?.entries.get(item.key);
      if (last === undefined) {
        answerItem(item, notConnected(reason), "unreachable");
      } else {
        this.parts.board.offline(now, reason, new Date(last.at));
        answerItem(item, last.result, "offline");
      }
    }
  }
}
