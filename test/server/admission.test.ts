import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { TEST_CONFIG, call, startTestServer, type TestServer } from "../support/server";
import { until } from "../support/until";

/** Counts the token look-ups the service makes from now on. */
function countTokenLookUps(server: TestServer): () => number {
  let count = 0;
  const query = server.db.query.bind(server.db);
  server.db.query = ((text: string, params?: unknown[]) => {
    if (text.includes("token_hash")) count++;
    return query(text, params);
  }) as typeof server.db.query;
  return () => count;
}

const randomToken = (prefix = "itfm_"): string => `${prefix}${randomBytes(32).toString("base64url")}`;

describe("one address guessing tokens", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: "pglite", config: { authFailuresPerMinute: 20 } });
  });
  afterAll(() => server.close());

  test("after 20 refused tokens in a minute it gets 429 without a single look-up more", async () => {
    const lookUps = countTokenLookUps(server);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push((await server.call("GET", "/api/v1/me", { token: randomToken() })).status);
    }
    expect(statuses).toEqual(new Array(20).fill(401));
    expect(lookUps()).toBe(20);
    const refused = await server.call("GET", "/api/v1/me", { token: randomToken() });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(refused.body.error.message).toMatch(/too many requests from this address/i);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Even a real token from that address waits: the address is refused before any token is read.
    const real = await server.tokenFor("Guessed", "viewer");
    expect((await server.call("GET", "/api/v1/me", { token: real })).status).toBe(429);
    expect(lookUps()).toBe(20);
  });
});

describe("a token's own limit", () => {
  test("5,200 random tokens cannot push a real token's count out: it is still refused at its limit", async () => {
    const server = await startTestServer({ db: "pglite", config: { rateLimitPerMinute: 5 } });
    try {
      const token = await server.tokenFor("Busy", "viewer");
      for (let i = 0; i < 3; i++)
        expect((await server.call("GET", "/api/v1/me", { token })).status).toBe(200);
      // Without our prefix a guess costs no look-up, so thousands are quick; they are refused all the same.
      const guesses = Array.from({ length: 5200 }, () => randomToken("guess_"));
      for (let i = 0; i < guesses.length; i += 100) {
        const batch = guesses.slice(i, i + 100);
        const statuses = await Promise.all(batch.map((t) => server.call("GET", "/api/v1/me", { token: t })));
        expect(new Set(statuses.map((s) => s.status))).toEqual(new Set([401]));
      }
      expect((await server.call("GET", "/api/v1/me", { token })).status).toBe(200);
      expect((await server.call("GET", "/api/v1/me", { token })).status).toBe(200);
      const refused = await server.call("GET", "/api/v1/me", { token });
      expect(refused.status).toBe(429);
      expect(refused.body.error.message).toContain("the limit is 5 a minute");
    } finally {
      await server.close();
    }
  });
});

/** Blocks this process's event loop (the in-process service's too) for `ms`. */
function busy(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

describe("load shedding", () => {
  test("while the event loop lags, the API answers 503 with Retry-After, /healthz stays 200 and /readyz says not ready", async () => {
    const server = await startTestServer({
      db: "pglite",
      config: { maxEventLoopDelayMs: 50, retryAfterSeconds: 3 },
    });
    try {
      const token = await server.tokenFor("Shed", "viewer");
      let refused: Awaited<ReturnType<TestServer["call"]>> | undefined;
      await until(async () => {
        busy(400);
        const answer = await server.call("GET", "/api/v1/me", { token });
        if (answer.status === 503) refused = answer;
        return refused !== undefined;
      }, "a 503 while the event loop lags");
      expect(refused?.headers.get("retry-after")).toBe("3");
      expect(refused?.body.error.code).toBe("overloaded");
      expect(refused?.body.error.message).toMatch(/busy.*try again/i);
      // The lag is sampled at intervals, so a round may fall between samples: wait for one that sees it.
      let health: Awaited<ReturnType<TestServer["call"]>> | undefined;
      let ready: Awaited<ReturnType<TestServer["call"]>> | undefined;
      await until(async () => {
        busy(400);
        [health, ready] = await Promise.all([server.call("GET", "/healthz"), server.call("GET", "/readyz")]);
        expect(health.status).toBe(200);
        return ready.status === 503;
      }, "/readyz not ready while the event loop lags");
      if (health === undefined || ready === undefined) throw new Error("no answer from /healthz or /readyz");
      expect(health.status).toBe(200);
      expect(ready.status).toBe(503);
      expect(ready.body.error.code).toBe("overloaded");
      // Once the lag is gone the service takes requests again.
      await until(async () => (await server.call("GET", "/api/v1/me", { token })).status === 200, "recovery");
      await until(async () => (await server.call("GET", "/readyz")).status === 200, "readiness");
    } finally {
      await server.close();
    }
  });
});

describe("readiness", () => {
  test("/readyz touches storage: a data folder that is gone makes it 503 while /healthz stays 200", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "itfm-ready-"));
    const dataDir = path.join(root, "data");
    const { openDatabase } = await import("../../src/server/db");
    const { buildApp } = await import("../../src/server/app");
    const db = await openDatabase({ dataDir });
    const app = await buildApp({ db, config: { ...TEST_CONFIG, dataDir } });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const url = `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;
    try {
      expect((await call(url, "GET", "/readyz")).status).toBe(200);
      fs.renameSync(dataDir, path.join(root, "moved"));
      const ready = await call(url, "GET", "/readyz");
      expect(ready.status).toBe(503);
      expect(ready.body.error.message).toContain("cannot be read and written");
      expect((await call(url, "GET", "/healthz")).status).toBe(200);
      fs.renameSync(path.join(root, "moved"), dataDir);
      expect((await call(url, "GET", "/readyz")).status).toBe(200);
    } finally {
      await app.close();
      await db.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("requests that arrive too slowly or malformed", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: "pglite", config: { requestTimeoutSeconds: 2 } });
  });
  afterAll(() => server.close());

  test("200 connections sending a byte now and then are all closed by the service", async () => {
    const { port } = new URL(server.url);
    const token = await server.tokenFor("Slow", "viewer");
    // Half are signed in, so their request waits for its body (or its turn); half are refused at once.
    const sockets = Array.from({ length: 200 }, (_, i) => {
      const socket = net.connect(Number(port), "127.0.0.1");
      socket.on("error", () => undefined);
      const auth = i % 2 === 0 ? `Authorization: Bearer ${token}\r\n` : "";
      socket.write(
        `POST /api/v1/query HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n`,
      );
      return socket;
    });
    const answers = sockets.map(
      (socket) =>
        new Promise<string>((resolve) => {
          let received = "";
          socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
          socket.on("close", () => resolve(received.split("\r\n")[0]));
        }),
    );
    let sent = 0;
    const drip = setInterval(() => {
      sent++;
      for (const socket of sockets) if (!socket.destroyed) socket.write("[");
    }, 200);
    let statusLines: string[];
    try {
      statusLines = await Promise.all(answers);
    } finally {
      clearInterval(drip);
    }
    // The signed-in half: those let in wait for their body until the timeout; the rest are large batches
    // beyond the turns and the line of the query route, refused at once without reading their bodies.
    const signedIn = statusLines.filter((_, i) => i % 2 === 0);
    const timedOut = signedIn.filter((line) => line === "HTTP/1.1 408 Request Timeout").length;
    const refused = signedIn.filter((line) => line === "HTTP/1.1 503 Service Unavailable").length;
    expect([timedOut + refused, timedOut]).toEqual([100, 2 * TEST_CONFIG.maxConcurrentBatches]);
    expect(statusLines.filter((_, i) => i % 2 === 1)).toEqual(
      new Array(100).fill("HTTP/1.1 401 Unauthorized"),
    );
    // Each sent far less than its declared body before the service gave up on it.
    expect(sent).toBeLessThan(100_000);
    expect((await server.call("GET", "/healthz")).status).toBe(200);
  });

  test("a broken escape in the address gets the service's own error shape", async () => {
    const token = await server.tokenFor("Escapes", "viewer");
    const answer = await server.call("GET", "/api/v1/versions/%E0%A4%A", { token });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: {
        code: "bad_request",
        message: "The address is not valid: it has a % that does not start a valid escape such as %20",
      },
    });
  });

  test("a body nested 200,000 levels deep is refused 400, not a crash", async () => {
    const token = await server.tokenFor("Deep", "viewer");
    const deep = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
    const body = `{"model":"m","queries":[${deep}]}`;
    const answer = await server.call("POST", "/api/v1/query", {
      token,
      body,
      headers: { "content-type": "application/json" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("invalid_json");
    expect(answer.body.error.message).toContain("more than 64 levels deep");
    const shallow = await server.call("POST", "/api/v1/query", {
      token,
      body: { model: "m", queries: [[[["x"]]]] },
    });
    expect(shallow.status).toBe(200);
  });
});
