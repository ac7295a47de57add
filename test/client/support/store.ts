import { memoryStore, type KeyValueStore } from "../../../src/client";

/** The client's in-memory store, with the keys it holds visible to a test. */
export function inspectableStore(): KeyValueStore & { keys(): string[] } {
  const store = memoryStore();
  const keys = new Set<string>();
  return {
    keys: () => [...keys],
    getItem: (key) => store.getItem(key),
    async setItem(key, value) {
      keys.add(key);
      await store.setItem(key, value);
    },
    async removeItem(key) {
      keys.delete(key);
      await store.removeItem(key);
    },
  };
}

/** A store whose reads never answer, as a stalled OfficeRuntime.storage; writes are kept in memory. */
export function unansweringStore(): KeyValueStore {
  const store = memoryStore();
  return {
    getItem: () => new Promise<string | null>(() => undefined),
    setItem: (key, value) => store.setItem(key, value),
    removeItem: (key) => store.removeItem(key),
  };
}
