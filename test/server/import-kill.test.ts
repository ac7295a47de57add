import { once } from "node:events";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { ModelVersionDocument } from "../../src/contract/model";
import { createTenant, createUser, issueToken } from "../../src/server/auth/accounts";
import { restoreDocument } from "../../src/server/backup";
import { VISIBLE_FACT } from "../../src/server/store/imports";
import { openDatabase } from "../../src/server/db";
import { type RunningProcess, startScript } from "../support/processes";
import { type DatabaseKind, call, describeEachDatabase, newPostgresDatabaseUrl } from "../support/server";

const LISTENING = /listening on (http:\/\/[^\s]+) \(bound to/;
const LINES = 40_000;
/** How long an import may take to start writing or to answer before the test gives up. */
const WRITE_TIMEOUT_MS = 60_000;
const POLL_MS = 5;

/** Where the import stood when the kill landed: writing its rows (inside its transaction). */
type Phase = "writing";

/** Tells whether the service has begun writing the import's rows; `close` ends the watching. */
interface WriteProbe {
  started(): Promise<boolean>;
  close(): Promise<void>;
}

/** PostgreSQL: a second connection sees the import's bulk insert into cost_lines in pg_stat_activity. */
async function postgresProbe(databaseUrl: string): Promise<WriteProbe> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return {
    async started() {
      const active = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'
            AND (query ILIKE 'INSERT INTO cost_lines%' OR query ILIKE 'COPY cost_lines%')`,
      );
      return active.rows[0].n > 0;
    },
    close: () => client.end(),
  };
}

function directoryBytes(folder: string): number {
  return fs.readdirSync(folder).reduce((sum, name) => sum + fs.statSync(path.join(folder, name)).size, 0);
}

/**
 * PGlite runs inside the service's process, so nothing outside can ask it what it runs. The service
 * logs nothing when the import's transaction opens; its write-ahead log growing past the size it had
 * before the file was sent shows that rows are being written (parsing the file writes no WAL).
 */
function pgliteProbe(dataDir: string): WriteProbe {
  const wal = path.join(dataDir, "pg_wal");
  const before = directoryBytes(wal);
  return { started: async () => directoryBytes(wal) > before, close: async () => undefined };
}

/** Waits until the import writes (kill now) or answers (it landed); throws when neither comes in time. */
async function watchImport(probe: WriteProbe, sent: { answered: boolean }): Promise<Phase | "answered"> {
  for (const deadline = Date.now() + WRITE_TIMEOUT_MS; Date.now() < deadline;) {
    if (sent.answered) return "answered";
    if (await probe.started()) return "writing";
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`the import neither started writing nor answered within ${WRITE_TIMEOUT_MS} ms`);
}

function document(): ModelVersionDocument {
  return {
    format: "itfm-model-version/1",
    model: { name: "Kill test", currency: "USD", fiscalYearStartMonth: 1, description: "" },
    version: { label: "draft", status: "draft", publishedAt: null },
    members: [{ dimension: "pool", name: "Staffing", parent: null, attributes: {} }],
    scenarios: [{ name: "Actual" }],
    costLines: [],
    driverQuantities: [],
    rules: [],
  };
}

/** A large cost-line file whose rows carry `label` in their description. */
function costLineFile(label: string): Buffer {
  const rows = ["pool,period,scenario,amount,description"];
  for (let i = 0; i < LINES; i++) {
    rows.push(
      `Staffing,2026-${String((i % 12) + 1).padStart(2, "0")},Actual,${i % 1000}.${String(i % 100).padStart(2, "0")},${label} ${i}`,
    );
  }
  return Buffer.from(`${rows.join("\n")}\n`);
}

/** Sends a file and resolves once every byte has left; `answered` tells whether a response came back. */
async function sendWithoutWaiting(url: string, pathAndQuery: string, token: string, body: Buffer) {
  const state = { answered: false };
  const request = http.request(`${url}${pathAndQuery}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "text/csv", "content-length": body.length },
  });
  request.on("response", () => (state.answered = true));
  request.on("error", () => undefined);
  request.end(body);
  await once(request, "finish");
  return state;
}

describeEachDatabase("an import cut off by SIGKILL", (kind: DatabaseKind) => {
  let root: string;
  let env: Record<string, string>;
  let token: string;
  let versionId: string;
  const running: RunningProcess[] = [];

  const databaseOptions = () =>
    kind === "postgres" ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.ITFM_DATA_DIR };

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "itfm-kill-"));
    env = {
      ITFM_HTTP: "1",
      PORT: "0",
      ITFM_HOST: "127.0.0.1",
      ITFM_DATA_DIR: path.join(root, "data"),
      ITFM_STATIC_DIR: path.join(root, "no-static-files"),
      ITFM_DEMO: "0",
      ITFM_LOG_LEVEL: "warn",
      ITFM_MAX_EVENT_LOOP_DELAY_MS: "0",
      HOME: path.join(root, "home"),
    };
    if (kind === "postgres") env.DATABASE_URL = await newPostgresDatabaseUrl();
    const db = await openDatabase(databaseOptions());
    try {
      const tenant = await db.transaction((tx) => createTenant(tx, "Kill test", { userId: null }));
      const user = await db.transaction((tx) =>
        createUser(
          tx,
          tenant.id,
          { email: "editor@kill.example.com", name: "Editor", role: "editor" },
          { userId: null },
        ),
      );
      token = (await db.transaction((tx) => issueToken(tx, tenant.id, user.id, {}, { userId: null }))).token;
      versionId = (await restoreDocument(db, tenant.id, document(), user.id)).version.id;
    } finally {
      await db.close();
    }
  });

  afterAll(async () => {
    for (const service of running) await service.stop("SIGKILL");
    fs.rmSync(root, { recursive: true, force: true });
  });

  const start = async (): Promise<{ service: RunningProcess; url: string }> => {
    const service = startScript("src/server/main.ts", env);
    running.push(service);
    return { service, url: (await service.waitFor(LISTENING, 120_000))[1] };
  };

  const writeProbe = (): Promise<WriteProbe> =>
    kind === "postgres" ? postgresProbe(env.DATABASE_URL) : Promise.resolve(pgliteProbe(env.ITFM_DATA_DIR));

  test("holds all of the import or none of it when killed while writing it", async () => {
    const importPath = `/api/v1/versions/${versionId}/import?kind=cost_lines`;
    const send = (url: string, label: string) =>
      call(url, "POST", importPath, {
        token,
        body: costLineFile(label),
        headers: { "content-type": "text/csv" },
      });
    const { service, url } = await start();
    expect((await send(url, "landed")).status).toBe(200);

    // Kill only once the rows are being written: a kill while the file is still parsed would leave
    // nothing written and prove nothing. An import that answers first has landed; the next one is cut.
    const answered = ["landed"];
    let cut: { label: string; phase: Phase } | undefined;
    for (let attempt = 0; attempt < 3 && cut === undefined; attempt++) {
      const label = `attempt${attempt}`;
      const probe = await writeProbe();
      try {
        const sent = await sendWithoutWaiting(url, importPath, token, costLineFile(label));
        const phase = await watchImport(probe, sent);
        if (phase === "answered") {
          answered.push(label);
        } else {
          await service.stop("SIGKILL");
          cut = { label, phase };
        }
      } finally {
        await probe.close();
      }
    }
    expect(cut?.phase).toBe("writing");

    const restarted = await start();
    expect((await call(restarted.url, "GET", "/healthz")).status).toBe(200);
    const version = await call(restarted.url, "GET", `/api/v1/versions/${versionId}`, { token });
    expect(version.status).toBe(200);
    expect((await send(restarted.url, "fresh")).status).toBe(200);
    await restarted.service.stop("SIGTERM");

    const db = await openDatabase(databaseOptions());
    try {
      // What the service shows: rows of imports that committed (a cut import's rows stay invisible).
      const counts = await db.query<{ label: string; n: string }>(
        `SELECT split_part(description, ' ', 1) AS label, count(*)::text AS n FROM cost_lines
          WHERE version_id = $1 AND ${VISIBLE_FACT} GROUP BY 1`,
        [versionId],
      );
      const byLabel = Object.fromEntries(counts.rows.map((r) => [r.label, Number(r.n)]));
      for (const label of [...answered, "fresh"]) expect([label, byLabel[label]]).toEqual([label, LINES]);
      expect([0, LINES]).toContain(byLabel[cut?.label as string] ?? 0);
      const landed = Object.values(byLabel).filter((n) => n === LINES).length;
      expect(Object.keys(byLabel).length).toBe(landed);
      const imports = await db.query<{ n: string }>(
        "SELECT count(*)::text AS n FROM imports WHERE version_id = $1 AND status = 'committed'",
        [versionId],
      );
      expect(Number(imports.rows[0].n)).toBe(landed);
      if (kind === "pglite") {
        // The restart cleared the cut import's rows; on PostgreSQL that waits until it has been idle a while.
        const leftovers = await db.query<{ n: string }>(
          "SELECT count(*)::text AS n FROM cost_lines WHERE version_id = $1 AND NOT " + VISIBLE_FACT,
          [versionId],
        );
        expect(Number(leftovers.rows[0].n)).toBe(0);
      }
      // The version as it stood before the fresh import: the first revision plus every import that held.
      expect(version.body.revision).toBe(landed);
    } finally {
      await db.close();
    }
  }, 180_000);
});
