import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * A throwaway PostgreSQL server for tests: the Debian `postgresql` package's binaries, a cluster in a
 * temporary folder on a free loopback port, removed when stopped. With ITFM_TEST_DATABASE_URL set, that
 * server is used instead (each test database is created in it and dropped afterwards).
 */
export interface PostgresServer {
  /** The connection string of its administrative database (where databases are created). */
  readonly adminUrl: string;
  /** A new, empty database; its connection string. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

const DEBIAN_ROOT = "/usr/lib/postgresql";

/** The bin folder of the newest PostgreSQL installed the Debian way, or null. */
export function postgresBinDir(): string | null {
  if (!fs.existsSync(DEBIAN_ROOT)) return null;
  const versions = fs
    .readdirSync(DEBIAN_ROOT)
    .filter((v) => fs.existsSync(path.join(DEBIAN_ROOT, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length === 0 ? null : path.join(DEBIAN_ROOT, versions[0], "bin");
}

export function postgresAvailable(): boolean {
  return process.env.ITFM_TEST_DATABASE_URL !== undefined || postgresBinDir() !== null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function newDatabaseName(): string {
  return `itfm_test_${process.pid}_${randomBytes(4).toString("hex")}`;
}

/** A server someone else runs: databases are created in it and dropped when stopped. */
function externalServer(adminUrl: string): PostgresServer {
  const created: string[] = [];
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    adminUrl,
    async createDatabase() {
      const name = newDatabaseName();
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      created.push(name);
      return withDatabase(adminUrl, name);
    },
    async stop() {
      await admin(async (client) => {
        for (const name of created.splice(0))
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}

const isRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program; as root it runs as the `postgres` user, which PostgreSQL requires. */
function runAsPostgres(bin: string, program: string, args: string[]): void {
  const command = isRoot ? "runuser" : path.join(bin, program);
  const fullArgs = isRoot ? ["-u", "postgres", "--", path.join(bin, program), ...args] : args;
  const result = spawnSync(command, fullArgs, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(
      `${program} failed (exit ${result.status}): ${result.stderr || result.stdout || result.error?.message}`,
    );
  }
}

async function clusterServer(bin: string): Promise<PostgresServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "itfm-pg-"));
  if (isRoot) execFileSync("chown", ["postgres", dir]);
  const data = path.join(dir, "data");
  const port = await freePort();
  let running = false;
  const stopNow = () => {
    if (running) {
      running = false;
      try {
        runAsPostgres(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // Already gone.
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // A test run that ends abruptly must not leave a server behind.
  process.once("exit", stopNow);
  try {
    runAsPostgres(bin, "initdb", [
      "-D",
      data,
      "-U",
      "postgres",
      "-A",
      "trust",
      "-E",
      "UTF8",
      "--locale=C",
      "--no-sync",
    ]);
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses=127.0.0.1",
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=200",
      "-c shared_buffers=64MB",
    ].join(" ");
    runAsPostgres(bin, "pg_ctl", [
      "-D",
      data,
      "-o",
      settings,
      "-l",
      path.join(dir, "server.log"),
      "-w",
      "start",
    ]);
    running = true;
  } catch (error) {
    stopNow();
    throw error;
  }
  const external = externalServer(`postgres://postgres@127.0.0.1:${port}/postgres`);
  return {
    adminUrl: external.adminUrl,
    createDatabase: () => external.createDatabase(),
    async stop() {
      process.removeListener("exit", stopNow);
      stopNow();
    },
  };
}

export class PostgresMissingError extends Error {}

/** Starts a throwaway PostgreSQL server (or uses ITFM_TEST_DATABASE_URL). */
export async function startPostgres(): Promise<PostgresServer> {
  const url = process.env.ITFM_TEST_DATABASE_URL;
  if (url !== undefined && url !== "") return externalServer(url);
  const bin = postgresBinDir();
  if (bin === null) {
    throw new PostgresMissingError(
      "PostgreSQL is not installed: apt-get update && apt-get install -y postgresql " +
        "(or set ITFM_TEST_DATABASE_URL to a server the tests may create databases in)",
    );
  }
  return clusterServer(bin);
}
