import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app";
import { type Database, openDatabase } from "../../src/server/db";
import { runScript } from "../support/processes";
import {
  type DatabaseKind,
  TEST_CONFIG,
  call,
  describeEachDatabase,
  newPostgresDatabaseUrl,
} from "../support/server";

const ADMIN = "src/server/admin.ts";

// Each test runs several admin commands one after another, each a process that opens the database:
// on a loaded machine that takes longer than one request, so the safety net is wider here.
jest.setTimeout(240_000);

describeEachDatabase("the administration command line", (kind: DatabaseKind) => {
  let env: Record<string, string>;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "itfm-admin-"));
    env = kind === "pglite" ? { ITFM_DATA_DIR: dataDir } : { DATABASE_URL: await newPostgresDatabaseUrl() };
  });

  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const admin = (...args: string[]) => runScript(ADMIN, args, env);

  /** The service over the same database, as `npm start` opens it. */
  async function serve(): Promise<{
    url: string;
    app: FastifyInstance;
    db: Database;
    stop(): Promise<void>;
  }> {
    const db = await openDatabase(kind === "pglite" ? { dataDir } : { databaseUrl: env.DATABASE_URL });
    const app = await buildApp({ db, config: { ...TEST_CONFIG, tokenCacheSeconds: 0 } });
    const url = await app.listen({ port: 0, host: "127.0.0.1" });
    return {
      url,
      app,
      db,
      async stop() {
        await app.close();
        await db.close();
      },
    };
  }

  test("creates a tenant, a user and a token that reads the API; a revoked token is refused", async () => {
    const tenant = await admin("create-tenant", "Acme Corp");
    expect([tenant.code, tenant.stderr]).toEqual([0, ""]);
    expect(tenant.stdout).toMatch(/^Created tenant "Acme Corp" \([0-9a-f-]{36}\)\n$/);

    const user = await admin(
      "create-user",
      "--tenant",
      "Acme Corp",
      "--email",
      "Ann@Example.com",
      "--name",
      "Ann Admin",
      "--role",
      "editor",
    );
    expect(user.code).toBe(0);
    expect(user.stdout).toContain("Created editor ann@example.com");

    const issued = await admin(
      "issue-token",
      "--tenant",
      "Acme Corp",
      "--email",
      "ann@example.com",
      "--label",
      "laptop",
      "--expires-days",
      "30",
    );
    expect(issued.code).toBe(0);
    const token = issued.stdout.trim().split("\n").pop()!;
    expect(token).toMatch(/^itfm_[A-Za-z0-9_-]{43}$/);
    const tokenId = issued.stdout.match(/^Token ([0-9a-f-]{36}) /)![1];

    const listed = await admin("list-tokens", "--tenant", "Acme Corp");
    expect(listed.stdout).toContain(tokenId);
    expect(listed.stdout).toContain("laptop");
    expect(listed.stdout).not.toContain(token);

    let service = await serve();
    try {
      const me = await call(service.url, "GET", "/api/v1/me", { token });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        user: { email: "ann@example.com", name: "Ann Admin" },
        tenant: { name: "Acme Corp" },
        role: "editor",
      });
      if (kind === "postgres") {
        // PostgreSQL serves the command line and the service at once.
        expect((await admin("revoke-token", tokenId)).code).toBe(0);
      } else {
        const locked = await admin("list-tokens", "--tenant", "Acme Corp");
        expect(locked.code).toBe(1);
        expect(locked.stderr).toContain(`The data folder ${dataDir} is in use by process ${process.pid}`);
        await service.stop();
        expect((await admin("revoke-token", tokenId)).stdout).toContain(`Revoked token ${tokenId}`);
        service = await serve();
      }
      const refused = await call(service.url, "GET", "/api/v1/me", { token });
      expect(refused.status).toBe(401);

      const entries = await service.db.query<{ action: string; details: { via: string } }>(
        "SELECT action, details FROM audit_log ORDER BY id",
      );
      expect(entries.rows.map((e) => [e.action, e.details.via])).toEqual([
        ["tenant.create", "admin command line"],
        ["user.create", "admin command line"],
        ["token.issue", "admin command line"],
        ["token.revoke", "admin command line"],
      ]);
    } finally {
      await service.stop();
    }
  });

  test("clear errors and exit code 1", async () => {
    const failures = [
      [
        [
          "create-user",
          "--tenant",
          "Nobody Inc",
          "--email",
          "a@example.com",
          "--name",
          "A",
          "--role",
          "viewer",
        ],
        'Error: The tenant "Nobody Inc" was not found',
      ],
      [
        [
          "create-user",
          "--tenant",
          "Acme Corp",
          "--email",
          "ann@example.com",
          "--name",
          "A",
          "--role",
          "boss",
        ],
        '--role must be viewer, editor or admin, not "boss"',
      ],
      [["revoke-token", "not-a-token"], '"not-a-token" is not a token id (see list-tokens)'],
      [["launch-rockets"], 'Unknown command "launch-rockets"'],
      [["create-tenant", "Acme Corp"], 'Error: A tenant named "Acme Corp" already exists'],
      [
        ["issue-token", "--tenant", "Acme Corp", "--email", "nobody@example.com"],
        "Error: The user nobody@example.com was not found",
      ],
    ] as const;
    // Opening the embedded database takes a child process seconds: the cases that differ only after
    // opening it run on PostgreSQL.
    const cases = kind === "postgres" ? failures : failures.slice(0, 4);
    for (const [args, message] of cases) {
      const result = await admin(...args);
      expect([args[0], result.code, result.stderr.split("\n")[0]]).toEqual([args[0], 1, message]);
    }
  });
});
