import type { ClientStatus, CostModelClient } from "../../src/client";
import type { QueryResult } from "../../src/contract/query";
import { Decimal } from "../../src/engine/decimal";
import { clientsWith } from "./support/clients";
import { startFaultProxy, type FaultProxy } from "./support/fault-proxy";
import { SeedFigures } from "./support/seed-figures";
import {
  DEMO_MODEL,
  DRAFT_VERSION,
  PUBLISHED_VERSION,
  startDemoService,
  type DemoService,
} from "./support/service";
import { inspectableStore, unansweringStore } from "./support/store";
import { ACTUAL_PERIODS, waveCells, type WaveCell } from "./support/wave";

let service: DemoService;
let proxy: FaultProxy;
let cells: WaveCell[];
/** Cells of the published version the cache tests ask again and again. */
let published: WaveCell[];
let draftCells: WaveCell[];
let nextCell = 0;

/** Long enough for any real answer on a busy machine; the slow-answer test sets a short one. */
const TIMEOUT_MS = 5_000;

function bound(version: string | undefined) {
  return { serviceUrl: proxy.url, model: DEMO_MODEL, version };
}

/** Clients of the service behind the fault proxy, with a short timeout and quick retries. */
const clients = clientsWith(
  () => ({
    binding: bound(PUBLISHED_VERSION),
    timeoutMs: TIMEOUT_MS,
    retry: { retries: 2, minDelayMs: 10, maxDelayMs: 40 },
  }),
  () => service.token,
);
const newClient = clients.create;
const signedIn = clients.signedIn;

/** Cells no earlier test of this file asked. */
function freshCells(count: number): WaveCell[] {
  nextCell += count;
  return cells.slice(nextCell - count, nextCell);
}

/** Asks every cell and fails the test if any is still waiting after `withinMs`. */
async function wave(of: CostModelClient, asked: WaveCell[], withinMs = 5_000): Promise<QueryResult[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`cells still waiting after ${withinMs} ms`)), withinMs);
  });
  try {
    return await Promise.race([Promise.all(asked.map((c) => of.query(c.query))), stuck]);
  } finally {
    clearTimeout(timer);
  }
}

function expectRight(results: QueryResult[], asked: WaveCell[]): void {
  const wrong = results.filter(
    (r, i) => !("value" in r) || typeof r.value !== "string" || !new Decimal(r.value).eq(asked[i].expected),
  );
  expect(wrong).toEqual([]);
}

function expectAllErrors(results: QueryResult[], code: string, message: string | RegExp): void {
  const distinct = new Set(results.map((r) => JSON.stringify(r)));
  expect(distinct.size).toBe(1);
  const expected = typeof message === "string" ? message : expect.stringMatching(message);
  expect(results[0]).toEqual({ error: { code, message: expected } });
}

beforeAll(async () => {
  service = await startDemoService();
  proxy = await startFaultProxy(service.url);
  cells = waveCells(await SeedFigures.load(service.db, PUBLISHED_VERSION), 5_000);
  published = cells.slice(-500);
  // Pool and account costs of the draft come straight from its cost lines.
  const draft = await SeedFigures.load(service.db, DRAFT_VERSION);
  draftCells = ["pool", "account"].flatMap((dimension) =>
    draft.names(dimension).flatMap((member) =>
      ACTUAL_PERIODS.map((period) => ({
        query: { kind: "cost" as const, member, period },
        expected: draft.cost(member, period, "Actual"),
      })),
    ),
  );
  // A draft's index is built on its first question, in a worker that starts then: built here, so that
  // the clients' deadline measures answers rather than that start on a busy machine.
  const warm = await fetch(`${service.url}/api/v1/query`, {
    method: "POST",
    headers: { authorization: `Bearer ${service.token}`, "content-type": "application/json" },
    body: JSON.stringify({ model: DEMO_MODEL, version: DRAFT_VERSION, queries: [draftCells[0].query] }),
  });
  expect(warm.status).toBe(200);
});

beforeEach(() => proxy.reset());
afterAll(() => clients.closeAll(proxy, service));

describe("every waiting cell settles when the service fails", () => {
  it("the service stops in the middle of an answer: not connected, and offline", async () => {
    const c = await signedIn({ maxQueriesPerRequest: 100 });
    proxy.fault = { kind: "stop-mid-answer" };
    const results = await wave(c, freshCells(300));
    expectAllErrors(
      results,
      "NA",
      /^not connected to the cost-model service \(127\.0\.0\.1:\d+ cannot be reached\)$/,
    );
    expect(c.getStatus()).toMatchObject({ state: "offline", valuesAsOf: null });
  });

  it("500s: retried with backoff, then an error naming the failure", async () => {
    const c = await signedIn();
    proxy.fault = { kind: "status", status: 500, code: "internal", message: "The database does not answer" };
    const before = proxy.requests;
    const results = await wave(c, freshCells(200));
    expectAllErrors(results, "NA", "the cost-model service failed (HTTP 500): The database does not answer");
    expect(proxy.requests - before).toBe(3);
    expect(c.getDiagnostics().retries).toBe(2);
  });

  it("a 503 that passes: the retry brings the right values", async () => {
    const c = await signedIn();
    proxy.fault = { kind: "status", status: 503, code: "unavailable", message: "restarting", times: 1 };
    const asked = freshCells(200);
    expectRight(await wave(c, asked), asked);
    expect(c.getDiagnostics()).toMatchObject({ requestsSent: 2, retries: 1 });
  });

  it("a request too large for the service: split in halves until it fits", async () => {
    const c = await signedIn();
    proxy.fault = {
      kind: "status",
      status: 413,
      code: "too_large",
      message: "The body is too large",
      times: 1,
    };
    const asked = freshCells(200);
    expectRight(await wave(c, asked), asked);
    expect(proxy.querySizes.slice(-3)).toEqual([200, 100, 100]);
  });

  it("too many requests (429): waits and tries again", async () => {
    const c = await signedIn();
    proxy.fault = {
      kind: "status",
      status: 429,
      code: "rate_limited",
      message: "Too many requests",
      times: 1,
    };
    const asked = freshCells(50);
    expectRight(await wave(c, asked), asked);
    expect(c.getDiagnostics().retries).toBe(1);
  });

  it("closing the client answers every cell still waiting", async () => {
    const c = await signedIn();
    proxy.fault = { kind: "slow", ms: 3_000 };
    const waiting = Promise.all(freshCells(30).map((cell) => c.query(cell.query)));
    while (proxy.requests === 0 || c.getDiagnostics().requestsSent === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const queued = c.query(freshCells(1)[0].query);
    await c.close();
    expectAllErrors(
      await waiting,
      "NA",
      /^not connected to the cost-model service \(the add-in is closing\)$/,
    );
    expect(await queued).toEqual({ error: { code: "NA", message: "the cost-model connection was closed" } });
    expect(await c.query(cells[0].query)).toEqual({
      error: { code: "NA", message: "the cost-model connection was closed" },
    });
  });

  it("answers slower than the timeout: not connected, after the timeout and not much later", async () => {
    const c = await signedIn({ timeoutMs: 300 });
    proxy.fault = { kind: "slow", ms: 3_000 };
    const started = Date.now();
    const results = await wave(c, freshCells(200), 2_900);
    // Settled by the timeout, not by the late answer.
    expect(Date.now() - started).toBeLessThan(2_900);
    expectAllErrors(results, "NA", "not connected to the cost-model service (no answer within 0.3 s)");
  });

  it("truncated JSON: an error saying the answer cannot be used", async () => {
    const c = await signedIn();
    proxy.fault = { kind: "truncate" };
    const results = await wave(c, freshCells(200));
    expectAllErrors(
      results,
      "NA",
      "the cost-model service sent an answer that cannot be used: the answer is not complete JSON",
    );
  });

  it("fewer results than queries: no cell gets another cell's value", async () => {
    const c = await signedIn();
    proxy.fault = { kind: "drop-results", count: 1 };
    const results = await wave(c, freshCells(200));
    expectAllErrors(
      results,
      "NA",
      "the cost-model service sent an answer that cannot be used: the answer holds 199 results for 200 queries",
    );
  });

  it("resolving latest fails: every cell of the wave gets the error", async () => {
    const c = await signedIn({ binding: bound(undefined) });
    proxy.fault = { kind: "truncate" };
    const results = await wave(c, freshCells(50));
    expectAllErrors(results, "NA", /the answer is not complete JSON$/);
    expect(proxy.querySizes.at(-1)).toBe(1);
  });
});

describe("sign-in", () => {
  it("a token the service does not accept: #N/A asking to sign in, and signed out", async () => {
    const c = await signedIn({}, "itfm_not-a-real-token");
    const results = await wave(c, freshCells(20));
    expectAllErrors(results, "NA", "sign in to the cost-model service");
    expect(c.getStatus()).toEqual({ state: "signed-out", reason: "sign in to the cost-model service" });
    const before = proxy.requests;
    expectAllErrors(await wave(c, freshCells(5)), "NA", "sign in to the cost-model service");
    expect(proxy.requests).toBe(before);
  });

  it("a permission the token lacks: #N/A naming it", async () => {
    const c = await signedIn();
    const message = "This needs the viewer role; your token belongs to a user with the guest role";
    proxy.fault = { kind: "status", status: 403, code: "forbidden", message };
    const results = await wave(c, freshCells(20));
    expectAllErrors(results, "NA", `no permission on the cost-model service: ${message}`);
  });

  it("another tenant's token never sees this tenant's model", async () => {
    const c = await signedIn();
    const asked = freshCells(20);
    expectRight(await wave(c, asked), asked);
    await c.setToken(await service.server.tokenFor("Other Co", "viewer"));
    const before = proxy.requests;
    expectAllErrors(await wave(c, asked), "NA", /unknown model "ITFM Demo"/);
    expect(proxy.requests).toBe(before + 1);
  });
});

describe("offline", () => {
  it("shows each cell's last known value while the service is unreachable, also after a restart, and fresh values once it is back", async () => {
    const store = inspectableStore();
    const first = newClient({ store, binding: bound(DRAFT_VERSION) });
    const states: ClientStatus["state"][] = [];
    first.subscribe((status) => states.push(status.state));
    await first.setToken(service.token);
    const before = new Date();
    expectRight(await wave(first, draftCells), draftCells);
    const after = new Date();

    await proxy.goDown();
    first.expireShortLived();
    const neverAsked = { kind: "cost" as const, member: "Compute", period: "2026-02" };
    const [offline, unknown] = await Promise.all([wave(first, draftCells), first.query(neverAsked)]);
    expectRight(offline, draftCells);
    expect(unknown).toEqual({
      error: { code: "NA", message: expect.stringMatching(/^not connected to the cost-model service/) },
    });
    const status = first.getStatus();
    expect(status.state).toBe("offline");
    const asOf = status.state === "offline" ? status.valuesAsOf : null;
    expect(asOf!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(asOf!.getTime()).toBeLessThanOrEqual(after.getTime());
    expect(first.getDiagnostics().answeredOffline).toBe(draftCells.length);
    await first.close();

    // A restart: the token and the last known values come back from the store.
    const second = newClient({ store, binding: bound(DRAFT_VERSION), shortLivedTtlMs: 0 });
    second.subscribe((s) => states.push(s.state));
    expectRight(await wave(second, draftCells), draftCells);
    expect(second.getStatus().state).toBe("offline");

    await proxy.comeBack();
    const requests = service.requestsReceived();
    expectRight(await wave(second, draftCells), draftCells);
    expect(service.requestsReceived()).toBe(requests + 1);
    expect(second.getStatus().state).toBe("online");
    const changes = states.filter((state, i) => state !== states[i - 1]);
    expect(changes).toEqual(["online", "offline", "online", "offline", "online"]);
  });
});

describe("offline after a restart, bound to latest", () => {
  it("a client that starts from the store of another shows that one's last values offline", async () => {
    const store = inspectableStore();
    const first = newClient({ store, binding: bound(undefined) });
    await first.setToken(service.token);
    expectRight(await wave(first, published), published);
    await first.close();

    await proxy.goDown();
    try {
      // A new client on the same store, as a workbook reopened while the service cannot be reached.
      const second = newClient({ store, binding: bound(undefined) });
      second.expireShortLived();
      expectRight(await wave(second, published), published);
      expect(second.getStatus().state).toBe("offline");
      await second.close();
    } finally {
      await proxy.comeBack();
    }
  });
});

describe("the cache", () => {
  it("answers a published version answered once again with no request at all, also after a restart", async () => {
    const store = inspectableStore();
    const first = newClient({ store });
    await first.setToken(service.token);
    expectRight(await wave(first, published), published);
    const requests = service.requestsReceived();
    expectRight(await wave(first, published), published);
    expect(service.requestsReceived()).toBe(requests);
    expect(first.getDiagnostics()).toMatchObject({
      requestsSent: 1,
      answeredFromCache: published.length,
    });
    await first.close();

    const second = newClient({ store });
    expectRight(await wave(second, published), published);
    expect(service.requestsReceived()).toBe(requests);
    expect(second.getDiagnostics()).toMatchObject({
      requestsSent: 0,
      answeredFromCache: published.length,
    });
  });

  it("bound to latest: asks which version that is, then caches its answers like that version's", async () => {
    const c = newClient({ binding: bound(undefined) });
    await c.setToken(service.token);
    const requests = service.requestsReceived();
    expectRight(await wave(c, published), published);
    expect(service.requestsReceived()).toBe(requests + 2);
    expect(proxy.querySizes.slice(-2)).toEqual([1, published.length]);
    expectRight(await wave(c, published), published);
    expect(service.requestsReceived()).toBe(requests + 2);
  });

  it("reuses answers about a draft for the short lifetime only", async () => {
    let clock = Date.now();
    const c = newClient({ binding: bound(DRAFT_VERSION), now: () => clock, shortLivedTtlMs: 30_000 });
    await c.setToken(service.token);
    const requests = service.requestsReceived();
    expectRight(await wave(c, draftCells), draftCells);
    clock += 29_000;
    expectRight(await wave(c, draftCells), draftCells);
    expect(service.requestsReceived()).toBe(requests + 1);
    clock += 1_000;
    expectRight(await wave(c, draftCells), draftCells);
    expect(service.requestsReceived()).toBe(requests + 2);
    c.expireShortLived();
    expectRight(await wave(c, draftCells), draftCells);
    expect(service.requestsReceived()).toBe(requests + 3);
  });

  it("signing out forgets the token and every remembered answer", async () => {
    const store = inspectableStore();
    const c = newClient({ store });
    await c.setToken(service.token);
    expectRight(await wave(c, published.slice(0, 50)), published.slice(0, 50));
    await c.close();
    expect(store.keys()).toEqual(expect.arrayContaining(["itfm.token", "itfm.results-index"]));
    const again = newClient({ store });
    await again.ready();
    await again.signOut();
    expect(store.keys()).toEqual([]);
    expect(again.getStatus().state).toBe("signed-out");
    const requests = service.requestsReceived();
    expect(await again.query(published[0].query)).toEqual({
      error: { code: "NA", message: "sign in to the cost-model service" },
    });
    expect(service.requestsReceived()).toBe(requests);
  });
});

describe("every waiting cell settles when the add-in's storage or the workbook does not answer", () => {
  const SHORT_TIMEOUT_MS = 300;

  it("a store whose reads never answer: the cache counts as empty and the service answers", async () => {
    const c = newClient({ store: unansweringStore(), timeoutMs: SHORT_TIMEOUT_MS });
    await c.setToken(service.token, proxy.url);
    const asked = freshCells(100);
    const started = Date.now();
    expectRight(await wave(c, asked, SHORT_TIMEOUT_MS + 2_000), asked);
    expect(Date.now() - started).toBeGreaterThanOrEqual(SHORT_TIMEOUT_MS - 10);
    expect(c.getDiagnostics().storeErrors).toBeGreaterThan(0);
  });

  it("a saved sign-in that cannot be read: #N/A naming the storage, within the timeout", async () => {
    const c = newClient({ store: unansweringStore(), timeoutMs: SHORT_TIMEOUT_MS });
    const requests = service.requestsReceived();
    const results = await wave(c, freshCells(50), SHORT_TIMEOUT_MS + 2_000);
    expectAllErrors(
      results,
      "NA",
      "the add-in's storage did not answer within 0.3 s: recalculate to try again",
    );
    expect(service.requestsReceived()).toBe(requests);
  });

  it("a workbook whose settings never answer (Office.onReady): #N/A naming the workbook", async () => {
    const c = newClient({
      binding: undefined,
      loadBinding: () => new Promise(() => undefined),
      timeoutMs: SHORT_TIMEOUT_MS,
    });
    await c.setToken(service.token, proxy.url);
    const results = await wave(c, freshCells(50), SHORT_TIMEOUT_MS + 2_000);
    expectAllErrors(
      results,
      "NA",
      "the workbook's saved settings did not answer within 0.3 s: recalculate to try again",
    );
  });

  it("a binding and sign-in set meanwhile need not wait for a workbook that does not answer", async () => {
    const c = newClient({ loadBinding: () => new Promise(() => undefined), timeoutMs: SHORT_TIMEOUT_MS });
    await c.setToken(service.token, proxy.url);
    const asked = freshCells(50);
    const started = Date.now();
    expectRight(await wave(c, asked), asked);
    expect(Date.now() - started).toBeLessThan(SHORT_TIMEOUT_MS);
  });
});
