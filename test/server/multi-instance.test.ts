import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type RunningProcess, startScript } from "../support/processes";
import { postgresAvailable } from "../support/postgres";
import { call, newPostgresDatabaseUrl } from "../support/server";
import { until } from "../support/until";

const LISTENING = /listening on (http:\/\/[^\s]+) \(bound to/;
const DEMO_TOKEN = /^\s+(itfm_\S+)$/m;
const MODEL = "ITFM Demo";
const TOKEN_CACHE_SECONDS = 1;

const cost = async (url: string, token: string, version: string): Promise<unknown> => {
  const answer = await call(url, "POST", "/api/v1/query", {
    token,
    body: {
      model: MODEL,
      version,
      scenario: "Budget",
      queries: [{ kind: "cost", member: "Hardware", period: "2026-11" }],
    },
  });
  return answer.body.results[0];
};

const describeOnPostgres = postgresAvailable() || process.env.CI ? describe : describe.skip;

describeOnPostgres("two service processes on one PostgreSQL database", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "itfm-pair-"));
  const services: RunningProcess[] = [];
  let urls: string[];
  let token: string;

  beforeAll(async () => {
    const env = {
      PORT: "0",
      ITFM_HOST: "127.0.0.1",
      ITFM_HTTP: "1",
      DATABASE_URL: await newPostgresDatabaseUrl(),
      ITFM_DATA_DIR: path.join(root, "data"),
      ITFM_STATIC_DIR: path.join(root, "static"),
      ITFM_LOG_LEVEL: "warn",
      ITFM_MAX_EVENT_LOOP_DELAY_MS: "0",
      ITFM_TOKEN_CACHE_SECONDS: String(TOKEN_CACHE_SECONDS),
      HOME: root,
    };
    // Started together: the migrations and the demo seeding queue on their locks, one process does each.
    services.push(startScript("src/server/main.ts", env), startScript("src/server/main.ts", env));
    urls = await Promise.all(services.map(async (service) => (await service.waitFor(LISTENING))[1]));
    const printed = services.map((service) => service.output().match(DEMO_TOKEN)?.[1]).filter(Boolean);
    expect(printed).toHaveLength(1);
    token = printed[0] as string;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop("SIGTERM")));
    fs.rmSync(root, { recursive: true, force: true });
  });

  test("a draft written through one is read through the other, and a publish on one is answered by the other", async () => {
    const [first, second] = urls;
    const models = await call(first, "GET", "/api/v1/models", { token });
    const modelId = models.body.models[0].id as string;
    const versions = await call(first, "GET", `/api/v1/models/${modelId}/versions`, { token });
    const published = versions.body.versions.find((v: { status: string }) => v.status === "published");
    const draft = await call(first, "POST", `/api/v1/models/${modelId}/versions`, {
      token,
      body: { label: "Written on the first", copyFrom: published.id },
    });
    expect(draft.status).toBe(201);
    const before = await cost(second, token, "Written on the first");
    const added = await call(first, "POST", `/api/v1/versions/${draft.body.id}/cost-lines`, {
      token,
      body: {
        costLines: [{ pool: "Hardware Expense", period: "2026-11", scenario: "Budget", amount: "1000.01" }],
      },
    });
    expect(added.status).toBe(200);

    const seen = await call(second, "GET", `/api/v1/models/${modelId}/versions`, { token });
    expect(seen.body.versions.map((v: { label: string }) => v.label)).toContain("Written on the first");
    const after = (await cost(second, token, "Written on the first")) as { value: string };
    expect(Number(after.value) - Number((before as { value: string }).value)).toBeCloseTo(1000.01, 2);

    const publish = await call(first, "POST", `/api/v1/versions/${draft.body.id}/publish`, { token });
    if (publish.status !== 200) throw new Error(publish.text);
    expect(publish.status).toBe(200);
    const status = await call(second, "POST", "/api/v1/query", {
      token,
      body: { model: MODEL, version: "Written on the first", queries: [{ kind: "model", field: "status" }] },
    });
    expect(status.body.results[0]).toEqual({ value: "published" });
    expect(await cost(second, token, "Written on the first")).toEqual(after);
    expect(status.body.immutable).toBe(true);
  });

  test("a token revoked through one is refused by both within the documented time", async () => {
    const [first, second] = urls;
    const me = await call(first, "GET", "/api/v1/me", { token });
    const issued = await call(first, "POST", `/api/v1/users/${me.body.user.id}/tokens`, {
      token,
      body: { label: "revoked across instances" },
    });
    expect(issued.status).toBe(201);
    const other = issued.body.token as string;
    // Both know it (and the second keeps it verified in its cache).
    expect((await call(second, "GET", "/api/v1/me", { token: other })).status).toBe(200);
    expect((await call(first, "GET", "/api/v1/me", { token: other })).status).toBe(200);
    const revoked = await call(first, "DELETE", `/api/v1/tokens/${issued.body.id}`, { token });
    expect(revoked.status).toBe(200);
    const revokedAt = Date.now();
    // The one that revoked it refuses it at once; the other once its cache of verified tokens expires.
    expect((await call(first, "GET", "/api/v1/me", { token: other })).status).toBe(401);
    await until(async () => Date.now() > revokedAt + TOKEN_CACHE_SECONDS * 1000, "the token cache time");
    expect((await call(second, "GET", "/api/v1/me", { token: other })).status).toBe(401);
  });
});
