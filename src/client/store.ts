/**
 * Where the client keeps what must survive a restart: the sign-in token and last known results.
 * OfficeRuntime.storage has exactly this shape; memoryStore() serves everywhere else.
 */
export interface KeyValueStore {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

export function memoryStore(initial?: Iterable<[string, string]>): KeyValueStore {
  const items = new Map<string, string>(initial);
  return {
    async getItem(key) {
      return items.get(key) ?? null;
    },
    async setItem(key, value) {
      items.set(key, value);
    },
    async removeItem(key) {
      items.delete(key);
    },
  };
}
