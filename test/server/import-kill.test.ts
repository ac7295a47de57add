import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { ModelVersionDocument } from "../../src/contract/model";
import { createTenant, createUser, issueToken } from "../../src/server/auth/accounts";
import { restoreDocument } from "../../src/server/backup";
import { openDatabase } from "../../src/server/db";
import { type DatabaseKind, call, describeEachDatabase, newPostgresDatabaseUrl } from "../support/server";

const ROOT = path.resolve(__dirname, "../..");
const LISTENING = /listening on (http:\/\/[^\s]+) \(bound to/;
const LINES = 200_000;

/**
 * The service as its own Node process. Started as `node --import tsx` rather than through the tsx
 * command, which runs the service in a second process that a SIGKILL of the first would not stop.
 */
class ServiceProcess {
  readonly child: ChildProcess;
  private output = "";

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
    });
    const append = (chunk: Buffer) => (this.output += chunk.toString());
    this.child.stdout?.on("data", append);
    this.child.stderr?.on("data", append);
  }

  async url(): Promise<string> {
    for (let waited = 0; waited < 120_000; waited += 100) {
      const match = LISTENING.exec(this.output);
      if (match) return match[1];
      if (this.child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the service did not start; it printed:\n${this.output}`);
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, "exit");
    this.child.kill(signal);
    await exited;
  }
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
  const running: ServiceProcess[] = [];

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

  const start = (): ServiceProcess => {
    const service = new ServiceProcess(env);
    running.push(service);
    return service;
  };

  test("holds all of the import or none of it after a restart", async () => {
    const importPath = `/api/v1/versions/${versionId}/import?kind=cost_lines`;
    const send = (url: string, label: string) =>
      call(url, "POST", importPath, {
        token,
        body: costLineFile(label),
        headers: { "content-type": "text/csv" },
      });
    const service = start();
    const url = await service.url();
    expect((await send(url, "warmup")).status).toBe(200);
    const started = Date.now();
    expect((await send(url, "timed")).status).toBe(200);
    const importMs = Date.now() - started;

    // Kill while the import is in flight, after the file has been sent: later first, so the cut most
    // likely falls into the writing; an import that answers first has simply landed, and the next
    // attempt cuts earlier.
    const answered = ["warmup", "timed"];
    let cut: string | undefined;
    for (const [attempt, share] of [0.7, 0.5, 0.3, 0.15].entries()) {
      const label = `attempt${attempt}`;
      const sent = await sendWithoutWaiting(url, importPath, token, costLineFile(label));
      await new Promise((resolve) => setTimeout(resolve, importMs * share));
      if (!sent.answered) {
        await service.stop("SIGKILL");
        cut = label;
        break;
      }
      answered.push(label);
    }
    expect(cut).toBeDefined();

    const restarted = start();
    const restartedUrl = await restarted.url();
    expect((await call(restartedUrl, "GET", "/healthz")).status).toBe(200);
    const version = await call(restartedUrl, "GET", `/api/v1/versions/${versionId}`, { token });
    expect(version.status).toBe(200);
    await restarted.stop("SIGTERM");

    const db = await openDatabase(databaseOptions());
    try {
      const counts = await db.query<{ label: string; n: string }>(
        `SELECT split_part(description, ' ', 1) AS label, count(*)::text AS n FROM cost_lines
          WHERE version_id = $1 GROUP BY 1`,
        [versionId],
      );
      const byLabel = Object.fromEntries(counts.rows.map((r) => [r.label, Number(r.n)]));
      for (const label of answered) expect([label, byLabel[label]]).toEqual([label, LINES]);
      expect([0, LINES]).toContain(byLabel[cut as string] ?? 0);
      const landed = Object.values(byLabel).filter((n) => n === LINES).length;
      expect(Object.keys(byLabel).length).toBe(landed);
      const imports = await db.query<{ n: string }>(
        "SELECT count(*)::text AS n FROM imports WHERE version_id = $1",
        [versionId],
      );
      expect(Number(imports.rows[0].n)).toBe(landed);
      expect(version.body.revision).toBe(1 + landed);
    } finally {
      await db.close();
    }
  });
});
