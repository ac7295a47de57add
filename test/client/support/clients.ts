import {
  createCostModelClient,
  type CostModelClient,
  type CostModelClientOptions,
} from "../../../src/client";

/** Makes the clients of one test file with its defaults, and closes them all at its end. */
export interface Clients {
  create(options?: CostModelClientOptions): CostModelClient;
  /** A client signed in with `token` (default: the file's) for the service of its binding. */
  signedIn(options?: CostModelClientOptions, token?: string): Promise<CostModelClient>;
  /** Closes every client made, then each of `then` in order (the servers they talk to; unset ones are skipped). */
  closeAll(...then: ({ close(): Promise<void> } | undefined)[]): Promise<void>;
}

export function clientsWith(defaults: () => CostModelClientOptions, defaultToken?: () => string): Clients {
  const made: CostModelClient[] = [];
  const create = (options: CostModelClientOptions = {}) => {
    const client = createCostModelClient({ ...defaults(), ...options });
    made.push(client);
    return client;
  };
  return {
    create,
    async signedIn(options = {}, token = defaultToken?.()) {
      if (token === undefined) throw new Error("no token to sign in with");
      const client = create(options);
      await client.setToken(token);
      return client;
    },
    async closeAll(...then) {
      for (const client of made) await client.close();
      for (const closable of then) await closable?.close();
    },
  };
}
