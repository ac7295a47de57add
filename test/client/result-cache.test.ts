import { ResultCache, type PartitionId } from "../../src/client/cache";
import { memoryStore, type KeyValueStore } from "../../src/client/store";

function partitionId(version: string): PartitionId {
  return { account: "a1", serviceUrl: "http://127.0.0.1:1", model: "Demo", version, scenario: "Actual" };
}

function cacheOn(store: KeyValueStore, now: () => number, maxStoredPartitions = 8) {
  const storeErrors: unknown[] = [];
  const cache = new ResultCache(store, {
    shortLivedTtlMs: 30_000,
    maxStoredPartitions,
    readTimeoutMs: 1_000,
    now,
    onStoreError: (error) => storeErrors.push(error),
  });
  return { cache, storeErrors };
}

describe("the result cache", () => {
  it("keeps published answers for good and others for the short lifetime", async () => {
    let now = 1_000_000;
    const { cache } = cacheOn(memoryStore(), () => now);
    const partition = await cache.partition(partitionId("v1"));
    cache.put(partition, "published", { result: { value: "1" }, at: now, immutable: true });
    cache.put(partition, "draft", { result: { value: "2" }, at: now, immutable: false });
    now += 29_999;
    expect(cache.isFresh(partition.entries.get("draft")!)).toBe(true);
    now += 1;
    expect(cache.isFresh(partition.entries.get("draft")!)).toBe(false);
    expect(cache.isFresh(partition.entries.get("published")!)).toBe(true);
    await cache.flush();
  });

  it("expires short-lived answers on demand, never published ones", async () => {
    const now = 5_000;
    const { cache } = cacheOn(memoryStore(), () => now);
    const partition = await cache.partition(partitionId("v1"));
    cache.put(partition, "published", { result: { value: "1" }, at: now, immutable: true });
    cache.put(partition, "draft", { result: { value: "2" }, at: now, immutable: false });
    cache.expireShortLived();
    expect(cache.isFresh(partition.entries.get("draft")!)).toBe(false);
    expect(cache.isFresh(partition.entries.get("published")!)).toBe(true);
    await cache.flush();
  });

  it("survives a restart through the store and evicts the least recently written partitions", async () => {
    const store = memoryStore();
    const first = cacheOn(store, () => 1, 2).cache;
    for (const version of ["v1", "v2", "v3"]) {
      const partition = await first.partition(partitionId(version));
      first.put(partition, "q", { result: { value: version }, at: 1, immutable: true });
      await first.flush();
    }
    const second = cacheOn(store, () => 2, 2).cache;
    expect((await second.partition(partitionId("v1"))).entries.size).toBe(0);
    expect((await second.partition(partitionId("v2"))).entries.get("q")?.result).toEqual({ value: "v2" });
    expect((await second.partition(partitionId("v3"))).entries.get("q")?.result).toEqual({ value: "v3" });
  });

  it("ignores a corrupt stored partition and forgets everything on clear", async () => {
    const store = memoryStore();
    const { cache, storeErrors } = cacheOn(store, () => 1);
    const partition = await cache.partition(partitionId("v1"));
    await store.setItem(partition.storageKey, "{not json");
    const reloaded = cacheOn(store, () => 1);
    expect((await reloaded.cache.partition(partitionId("v1"))).entries.size).toBe(0);
    expect(reloaded.storeErrors).toHaveLength(1);
    cache.put(partition, "q", { result: { value: "x" }, at: 1, immutable: true });
    await cache.flush();
    expect(await store.getItem(partition.storageKey)).not.toBeNull();
    await cache.clear();
    expect(await store.getItem(partition.storageKey)).toBeNull();
    expect(storeErrors).toHaveLength(0);
  });
});
