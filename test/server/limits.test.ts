import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { buildDemoModel } from "../../src/server/demo";
import { runScript } from "../support/processes";
import { type TestServer, startTestServer } from "../support/server";
import { restore } from "./tenant-fixture";

const LIMIT = 1_000;
/** Makes a body larger than the 16 KB up to which a batch counts as small (unknown fields are dropped). */
const PADDING = "x".repeat(20 * 1024);

describe("what one query batch may cost", () => {
  let server: TestServer;
  let viewer: string;
  let model: string;
  let version: string;
  beforeAll(async () => {
    server = await startTestServer({
      db: "pglite",
      config: { queryCostLimit: LIMIT, maxConcurrentBatches: 1 },
    });
    const [published] = await buildDemoModel();
    await restore(server, await server.tokenFor("Costly", "admin"), published);
    viewer = await server.tokenFor("Costly", "viewer");
    model = published.model.name;
    version = published.version.label;
  });
  afterAll(() => server.close());

  const ask = (queries: object[]) =>
    server.call("POST", "/api/v1/query", { token: viewer, body: { model, version, queries } });
  // A month of one member is one figure: a year of it twelve.
  const yearOf = (member: string) => ({ kind: "cost", member, period: "2026" });

  test("a batch within the limit is answered; one figure-year more and it is refused 413 naming the limit", async () => {
    const fits = await ask(Array.from({ length: Math.floor(LIMIT / 12) }, () => yearOf("Compute")));
    expect(fits.status).toBe(200);
    expect(fits.body.results.every((r: { value?: string }) => r.value !== undefined)).toBe(true);

    const over = await ask(Array.from({ length: Math.floor(LIMIT / 12) + 1 }, () => yearOf("Compute")));
    expect(over.status).toBe(413);
    expect(over.body.error.code).toBe("batch_too_costly");
    expect(over.body.error.message).toContain("1,000 figures");
    expect(over.body.error.details).toEqual({ limit: LIMIT });
  });

  test("one cell that alone reads more than the limit gets its own error, the others their values", async () => {
    const answer = await ask([
      yearOf("Compute"),
      {
        kind: "allocated",
        member: "Infrastructure Domain",
        consumer: "Cloud Business Units",
        period: "2026",
      },
    ]);
    expect(answer.status).toBe(200);
    const [fine, costly] = answer.body.results;
    expect(fine.value).toMatch(/^\d+\.\d{2}$/);
    expect(costly.error.code).toBe("VALUE");
    expect(costly.error.message).toMatch(/covers [\d,]+ figures, more than the 1,000 one request may read/);
  });

  /** A large batch whose body is sent up to its last byte: it waits for that byte, holding its turn. */
  function heldBatch() {
    const queries = Array.from({ length: 80 }, () => yearOf("Compute"));
    const body = JSON.stringify({ model, version, queries, padding: PADDING });
    const request = http.request(`${server.url}/api/v1/query`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${viewer}`,
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
      },
    });
    const answered = new Promise<{ status: number; text: string; retryAfter?: string }>((resolve, reject) => {
      request.on("response", (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text, retryAfter: response.headers["retry-after"] }),
        );
      });
      request.on("error", reject);
    });
    request.write(body.slice(0, -1));
    return { answered, finish: () => request.end(body.slice(-1)), abandon: () => request.destroy() };
  }

  test("large batches take turns before their bodies are read: one answered, one waiting, the next refused 503", async () => {
    // Three bodies short of their last byte: one holds the turn, one waits in line, and the third is
    // refused at once (none of them can be answered otherwise).
    const held = [heldBatch(), heldBatch(), heldBatch()];
    const first = await Promise.race(
      held.map((batch, i) => batch.answered.then((answer) => ({ i, answer }))),
    );
    expect(first.answer.status).toBe(503);
    const refusal = JSON.parse(first.answer.text);
    expect(refusal.error.code).toBe("overloaded");
    expect(refusal.error.message).toContain("large batches of cells");
    expect(Number(first.answer.retryAfter)).toBeGreaterThan(0);
    held[first.i].abandon();
    // A small batch never waits behind them.
    expect((await ask([yearOf("Compute")])).status).toBe(200);
    const others = held.filter((_, i) => i !== first.i);
    for (const batch of others) batch.finish();
    const answers = await Promise.all(others.map((batch) => batch.answered));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.map((a) => JSON.parse(a.text).results.length)).toEqual([80, 80]);
  });
});

describe("a data folder the service may not write", () => {
  test("stops the service at start with a message naming the folder and the user, not a crash", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "itfm-unwritable-"));
    fs.chmodSync(root, 0o755);
    const dataDir = path.join(root, "pglite");
    try {
      // A database made by one user ...
      const { openDatabase } = await import("../../src/server/db");
      await (await openDatabase({ dataDir })).close();
      // ... opened by another (as root: the user nobody; otherwise its files made read-only).
      const asRoot = process.getuid?.() === 0;
      if (!asRoot) {
        for (const entry of fs.readdirSync(dataDir, { recursive: true, encoding: "utf8" })) {
          const file = path.join(dataDir, entry);
          if (fs.statSync(file).isFile()) fs.chmodSync(file, 0o444);
        }
      }
      const user = asRoot ? { uid: 65534, gid: 65534 } : undefined;
      const started = await runScript(
        "src/server/main.ts",
        [],
        { ITFM_DATA_DIR: dataDir, ITFM_HTTP: "1", PORT: "0", ITFM_DEMO: "0", HOME: root },
        60_000,
        user,
      );
      expect(started.code).toBe(1);
      expect(started.stderr).toContain(
        `The data folder ${dataDir} cannot be read and written by this process`,
      );
      expect(started.stderr).toContain("set ITFM_DATA_DIR to another folder");
      expect(started.stderr).not.toContain("Aborted");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
