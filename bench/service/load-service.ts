import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTenant, createUser, issueToken } from "../../src/server/auth/accounts";
import { restoreDocument } from "../../src/server/backup";
import { type Database, openDatabase } from "../../src/server/db";
import { buildDemoModel } from "../../src/server/demo";
import { seedDemo } from "../../src/server/seed";
import { startPostgres, type PostgresServer } from "../../test/support/postgres";
import { spawnService } from "./spawn-service";

export type StorageKind = "pglite" | "postgres";

/** A running service with two tenants: one that loads data, one whose cells are asked meanwhile. */
export interface LoadService {
  origin: string;
  /** The demo tenant's admin, and its draft version. */
  loader: { token: string; draftId: string };
  /** Another tenant with its own copy of the demo model. */
  neighbour: { token: string; model: string; version: string };
  /** The service process's resident memory now, in bytes. */
  rss(): number;
  stop(): Promise<void>;
}

async function neighbourTenant(db: Database): Promise<LoadService["neighbour"]> {
  const [published] = await buildDemoModel();
  const { tenantId, userId, token } = await db.transaction(async (tx) => {
    const tenant = await createTenant(tx, "Neighbour", { userId: null });
    const user = await createUser(
      tx,
      tenant.id,
      { email: "neighbour@example.com", name: "Neighbour", role: "viewer" },
      { userId: null },
    );
    const issued = await issueToken(tx, tenant.id, user.id, { label: "load benchmark" }, { userId: null });
    return { tenantId: tenant.id, userId: user.id, token: issued.token };
  });
  await restoreDocument(db, tenantId, published, userId);
  return { token, model: published.model.name, version: published.version.label };
}

function draftOf(db: Database): Promise<string> {
  return db
    .query<{ id: string }>("SELECT id FROM versions WHERE status = 'draft' ORDER BY created_at LIMIT 1")
    .then((r) => r.rows[0].id);
}

/**
 * The service as `npm start` runs it, in its own process (so that what it does to its event loop and
 * memory is its own), over PGlite in a folder or a throwaway PostgreSQL server, with the demo model and
 * a second tenant; its rate limit raised so the limit per token does not cap the load.
 */
export async function startLoadService(
  kind: StorageKind,
  env: Record<string, string> = {},
): Promise<LoadService> {
  const folder = mkdtempSync(path.join(tmpdir(), "itfm-load-"));
  let postgres: PostgresServer | undefined;
  let databaseUrl: string | undefined;
  if (kind === "postgres") {
    postgres = await startPostgres();
    databaseUrl = await postgres.createDatabase();
  }
  const options = databaseUrl === undefined ? { dataDir: path.join(folder, "data") } : { databaseUrl };
  const db = await openDatabase(options);
  const loaderToken = (await seedDemo(db)) as string;
  const draftId = await draftOf(db);
  const neighbour = await neighbourTenant(db);
  await db.close();
  const { service, origin } = await spawnService({
    HOME: folder,
    ITFM_DATA_DIR: path.join(folder, "data"),
    ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
    ITFM_RATE_LIMIT: "100000000",
    ...env,
  });
  return {
    origin,
    loader: { token: loaderToken, draftId },
    neighbour,
    rss: () => {
      const status = readFileSync(`/proc/${service.child.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    async stop() {
      await service.stop("SIGTERM");
      await postgres?.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The 99th percentile of a list of milliseconds. */
export function p99(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
}

/** One request's wall time in milliseconds, and its answer. */
export async function timed(
  url: string,
  init: RequestInit,
): Promise<{ ms: number; status: number; text: string }> {
  const start = performance.now();
  const response = await fetch(url, init);
  const text = await response.text();
  return { ms: performance.now() - start, status: response.status, text };
}
