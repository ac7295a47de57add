import { z } from "zod";
import { QueryResult } from "../contract/query";
import { notAnswered } from "./messages";
import { seconds, within } from "./deadline";
import type { KeyValueStore } from "./store";

/** One answer as remembered: immutable answers (published versions) never expire. */
export interface CachedResult {
  result: QueryResult;
  /** When the service gave it (ms since the epoch). */
  at: number;
  immutable: boolean;
}

/** The answers of one request context: the same account, service, model, version and scenario. */
export interface PartitionId {
  /** Who asked: answers of one sign-in are never shown to another. */
  account: string;
  serviceUrl: string;
  model: string;
  version: string;
  scenario: string;
}

export interface Partition {
  readonly storageKey: string;
  readonly entries: Map<string, CachedResult>;
}

const PersistedPartition = z.object({
  format: z.literal(1),
  entries: z.array(z.tuple([z.string(), QueryResult, z.number(), z.boolean()])),
});

const KEY_PREFIX = "itfm.results.";
const INDEX_KEY = "itfm.results-index";
const WRITE_DELAY_MS = 250;

export interface ResultCacheOptions {
  /** How long an answer about a draft or "latest" counts as current. */
  shortLivedTtlMs: number;
  /** Partitions kept in the store; the least recently written go first. */
  maxStoredPartitions: number;
  /** Longest wait for a read from the store; past it, the cache counts as empty. */
  readTimeoutMs: number;
  now(): number;
  onStoreError(error: unknown): void;
}

/**
 * Answers in memory, backed by the store so they survive a restart: published answers are reused
 * for good, others while fresh, and any of them serves as the last known value when offline.
 */
export class ResultCache {
  private readonly partitions = new Map<string, Promise<Partition>>();
  private readonly dirty = new Set<Partition>();
  private index: Promise<string[]> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private writeTimer: ReturnType<typeof setTimeout> | undefined;
  private shortLivedValidFrom = 0;

  constructor(
    private readonly store: KeyValueStore,
    private readonly options: ResultCacheOptions,
  ) {}

  partition(id: PartitionId): Promise<Partition> {
    const storageKey =
      KEY_PREFIX + JSON.stringify([id.account, id.serviceUrl, id.model, id.version, id.scenario]);
    let found = this.partitions.get(storageKey);
    if (found === undefined) {
      found = this.load(storageKey);
      this.partitions.set(storageKey, found);
    }
    return found;
  }

  private async load(storageKey: string): Promise<Partition> {
    const partition: Partition = { storageKey, entries: new Map() };
    try {
      const text = await this.read(storageKey);
      const parsed = text === null ? undefined : PersistedPartition.safeParse(JSON.parse(text));
      for (const [key, result, at, immutable] of parsed?.success ? parsed.data.entries : []) {
        partition.entries.set(key, { result, at, immutable });
      }
    } catch (error) {
      this.options.onStoreError(error);
    }
    return partition;
  }

  /** A store that does not answer must not hold up fresh answers from the service. */
  private async read(key: string): Promise<string | null> {
    const read = await within(this.store.getItem(key), this.options.readTimeoutMs);
    if (read === undefined) throw new Error(notAnswered("storage", seconds(this.options.readTimeoutMs)));
    return read.value;
  }

  /** Usable without asking the service. */
  isFresh(entry: CachedResult): boolean {
    if (entry.immutable) return true;
    return (
      entry.at >= this.shortLivedValidFrom && this.options.now() - entry.at < this.options.shortLivedTtlMs
    );
  }

  put(partition: Partition, key: string, entry: CachedResult): void {
    partition.entries.set(key, entry);
    this.dirty.add(partition);
    // One write per wave rather than one per answer.
    this.writeTimer ??= setTimeout(() => void this.flush(), WRITE_DELAY_MS);
  }

  /** Makes every answer about drafts and "latest" stale, so the next recalculation asks again. */
  expireShortLived(): void {
    this.shortLivedValidFrom = this.options.now() + 1;
  }

  /** Writes every changed partition to the store; resolves when they are written. */
  flush(): Promise<void> {
    clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    const changed = [...this.dirty];
    this.dirty.clear();
    this.writing = this.writing.then(() => this.write(changed));
    return this.writing;
  }

  private async write(changed: Partition[]): Promise<void> {
    if (changed.length === 0) return;
    try {
      for (const partition of changed) {
        const entries = [...partition.entries].map(([key, e]) => [key, e.result, e.at, e.immutable] as const);
        await this.store.setItem(partition.storageKey, JSON.stringify({ format: 1, entries }));
      }
      const written = new Set(changed.map((p) => p.storageKey));
      const order = [...(await this.storedKeys()).filter((key) => !written.has(key)), ...written];
      const evicted = order.splice(0, Math.max(0, order.length - this.options.maxStoredPartitions));
      for (const key of evicted) {
        await this.store.removeItem(key);
        this.partitions.delete(key);
      }
      this.index = Promise.resolve(order);
      await this.store.setItem(INDEX_KEY, JSON.stringify(order));
    } catch (error) {
      this.options.onStoreError(error);
    }
  }

  private storedKeys(): Promise<string[]> {
    this.index ??= this.read(INDEX_KEY)
      .then((text) => {
        const parsed = z.array(z.string()).safeParse(text === null ? [] : JSON.parse(text));
        return parsed.success ? parsed.data : [];
      })
      .catch((error: unknown) => {
        this.options.onStoreError(error);
        return [];
      });
    return this.index;
  }

  /** Forgets every answer, in memory and in the store (sign-out). */
  async clear(): Promise<void> {
    clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    this.dirty.clear();
    this.partitions.clear();
    await this.writing;
    try {
      for (const key of await this.storedKeys()) await this.store.removeItem(key);
      await this.store.removeItem(INDEX_KEY);
    } catch (error) {
      this.options.onStoreError(error);
    }
    this.index = Promise.resolve([]);
  }
}
