import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import type { Role } from "../../src/contract/api";
import { buildApp } from "../../src/server/app";
import { createTenant, createUser, issueToken } from "../../src/server/auth/accounts";
import { CONFIG_DEFAULTS, type ServerConfig } from "../../src/server/config";
import { type Database, MEMORY_DATA_DIR, openDatabase } from "../../src/server/db";
import { type PostgresServer, postgresAvailable, startPostgres } from "./postgres";

export type DatabaseKind = "pglite" | "postgres";

let sharedPostgres: Promise<PostgresServer> | undefined;

/** One PostgreSQL server per test file; every suite gets its own database in it. */
function postgresServer(): Promise<PostgresServer> {
  sharedPostgres ??= startPostgres();
  return sharedPostgres;
}

if (typeof afterAll === "function") {
  afterAll(async () => {
    const server = sharedPostgres;
    sharedPostgres = undefined;
    if (server !== undefined) await (await server).stop();
  });
}

/** A new, empty, migrated database: PGlite in memory, or a new database on the test PostgreSQL server. */
export async function openTestDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === "pglite") return openDatabase({ dataDir: MEMORY_DATA_DIR });
  const url = await (await postgresServer()).createDatabase();
  return openDatabase({ databaseUrl: url });
}

/** A new database's connection string on the test PostgreSQL server (for a server run as a child process). */
export async function newPostgresDatabaseUrl(): Promise<string> {
  return (await postgresServer()).createDatabase();
}

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body (undefined when the body is not JSON). */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallOptions {
  token?: string;
  /** An object is sent as JSON; a string or Buffer as it is (give its Content-Type in headers). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Identity {
  token: string;
  tenantId: string;
  userId: string;
}

export interface TestServer {
  kind: DatabaseKind;
  url: string;
  db: Database;
  app: FastifyInstance;
  /** A token of a user with this role in this tenant (both created on first use). */
  tokenFor(tenant: string, role: Role): Promise<string>;
  identity(tenant: string, role: Role): Promise<Identity>;
  call(method: string, path: string, options?: CallOptions): Promise<TestResponse>;
  close(): Promise<void>;
}

export const TEST_CONFIG: ServerConfig = {
  ...CONFIG_DEFAULTS,
  http: true,
  host: "127.0.0.1",
  port: 0,
  logLevel: "silent",
  // The add-in files are served by the started service (test/server/boot.test.ts), not in-process.
  staticDir: "test/no-static-files",
  seedDemo: false,
  // A busy test machine lags; load shedding is tested on its own (test/server/admission.test.ts).
  maxEventLoopDelayMs: 0,
  // The route matrices send thousands of bad tokens from one address; that limit has its own test.
  authFailuresPerMinute: 1_000_000,
};

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

/** Calls a running service over real HTTP. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<TestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer | undefined;
  if (typeof options.body === "string" || Buffer.isBuffer(options.body)) {
    body = options.body;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const payload = Buffer.isBuffer(body) ? new Uint8Array(body) : body;
  const response = await fetch(baseUrl + path, { method, headers, body: payload });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: json };
}

/** The real service on 127.0.0.1 (a free port, plain http) over a fresh database. */
export async function startTestServer(options: {
  db: DatabaseKind;
  config?: Partial<ServerConfig>;
}): Promise<TestServer> {
  const db = await openTestDatabase(options.db);
  const app = await buildApp({ db, config: { ...TEST_CONFIG, ...options.config } });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const identities = new Map<string, Promise<Identity>>();
  const tenants = new Map<string, Promise<string>>();

  const tenantId = (name: string): Promise<string> => {
    let id = tenants.get(name);
    if (id === undefined) {
      id = db.transaction(async (tx) => (await createTenant(tx, name, { userId: null })).id);
      tenants.set(name, id);
    }
    return id;
  };

  const identity = (tenant: string, role: Role): Promise<Identity> => {
    const key = `${tenant}\u0000${role}`;
    let found = identities.get(key);
    if (found === undefined) {
      found = (async () => {
        const id = await tenantId(tenant);
        return db.transaction(async (tx) => {
          const email = `${role}@${slug(tenant)}.example.com`;
          const user = await createUser(tx, id, { email, name: `${tenant} ${role}`, role }, { userId: null });
          const issued = await issueToken(tx, id, user.id, { label: "test" }, { userId: null });
          return { token: issued.token, tenantId: id, userId: user.id };
        });
      })();
      identities.set(key, found);
    }
    return found;
  };

  let closed = false;
  return {
    kind: options.db,
    url,
    db,
    app,
    identity,
    tokenFor: async (tenant, role) => (await identity(tenant, role)).token,
    call: (method, path, callOptions) => call(url, method, path, callOptions),
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await db.close();
    },
  };
}

/**
 * Runs a suite once on PGlite and once on PostgreSQL. Without PostgreSQL installed, the PostgreSQL half
 * fails when CI or ITFM_REQUIRE_POSTGRES=1 is set, and is skipped with a warning otherwise.
 */
export function describeEachDatabase(name: string, suite: (kind: DatabaseKind) => void): void {
  describe(`${name} [PGlite]`, () => suite("pglite"));
  if (postgresAvailable()) {
    describe(`${name} [PostgreSQL]`, () => suite("postgres"));
    return;
  }
  const required = Boolean(process.env.CI) || process.env.ITFM_REQUIRE_POSTGRES === "1";
  const message =
    "PostgreSQL is not installed, so the PostgreSQL half of the server tests cannot run: " +
    "apt-get update && apt-get install -y postgresql, or set ITFM_TEST_DATABASE_URL";
  if (required) {
    describe(`${name} [PostgreSQL]`, () => {
      test("PostgreSQL is available", () => {
        throw new Error(message);
      });
    });
  } else {
    console.warn(`${message}. Skipping "${name}" on PostgreSQL.`);
    describe.skip(`${name} [PostgreSQL]`, () => suite("postgres"));
  }
}

/** A test server for the suite around it: started before its tests, closed after them. */
export function useTestServer(kind: DatabaseKind, config?: Partial<ServerConfig>): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer({ db: kind, config });
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (server === undefined) throw new Error("the test server has not started");
    return server;
  };
}
