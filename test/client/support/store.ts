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
