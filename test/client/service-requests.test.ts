import { memoryStore, ServiceError } from "../../src/client";
import { Me, ModelList, VersionList } from "../../src/contract/api";
import { QueryResponse } from "../../src/contract/query";
import { clientsWith } from "./support/clients";
import { startFaultProxy, type FaultProxy } from "./support/fault-proxy";
import { startRecordingServer, type RecordingServer } from "./support/recording-server";
import { DEMO_MODEL, PUBLISHED_VERSION, startDemoService, type DemoService } from "./support/service";
import { unansweringStore } from "./support/store";

let service: DemoService;
let proxy: FaultProxy;
const clients = clientsWith(
  () => ({
    binding: { serviceUrl: proxy.url, model: DEMO_MODEL, version: PUBLISHED_VERSION },
    timeoutMs: 5_000,
    retry: { retries: 2, minDelayMs: 10, maxDelayMs: 40 },
  }),
  () => service.token,
);
const newClient = clients.create;
const signedIn = clients.signedIn;

/** The ServiceError `promise` rejects with. */
async function failureOf(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

beforeAll(async () => {
  service = await startDemoService();
  proxy = await startFaultProxy(service.url);
});

beforeEach(() => proxy.reset());
afterAll(() => clients.closeAll(proxy, service));

describe("typed get and post", () => {
  it("GET answers parsed with the contract's schema, from the workbook's service by default", async () => {
    const c = await signedIn();
    const { models } = await c.get("/models", ModelList);
    expect(models.map((m) => m.name)).toContain(DEMO_MODEL);
    const demo = models.find((m) => m.name === DEMO_MODEL)!;
    const { versions } = await c.get(`/models/${demo.id}/versions`, VersionList, {
      serviceUrl: `${proxy.url}/`,
    });
    expect(versions.map((v) => v.label)).toContain(PUBLISHED_VERSION);
    expect(c.getDiagnostics().requestsSent).toBe(2);
  });

  it("POST sends its body as JSON and parses the answer", async () => {
    const c = await signedIn();
    const answer = await c.post(
      "/query",
      { model: DEMO_MODEL, version: PUBLISHED_VERSION, queries: [{ kind: "model", field: "name" }] },
      QueryResponse,
    );
    expect(answer).toEqual({ results: [{ value: DEMO_MODEL }], immutable: true });
  });

  it("an answer of another form: unreadable, in the words a cell shows", async () => {
    const c = await signedIn();
    const error = await failureOf(c.get("/models", VersionList));
    expect(error.kind).toBe("unreadable");
    expect(error.message).toBe(
      "the cost-model service sent an answer that cannot be used: the answer does not have the expected form",
    );
    expect(error.details).toBe(`GET ${proxy.url}/api/v1/models`);
  });

  it("a token the service does not accept: sign in, the service's words as details, and signed out", async () => {
    const c = await signedIn({}, "itfm_not-a-real-token");
    const error = await failureOf(c.get("/me", Me));
    expect(error).toMatchObject({
      kind: "refused",
      status: 401,
      message: "sign in to the cost-model service",
    });
    expect(error.details).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/me: HTTP 401 invalid_token: The API token/,
    );
    expect(c.getStatus()).toEqual({ state: "signed-out", reason: "sign in to the cost-model service" });
    expect(c.getSession()).toEqual({ state: "signed-out" });
  });

  it("a permission the token lacks: named as the cells name it", async () => {
    const c = await signedIn();
    const message = "This needs the admin role; your token belongs to a user with the viewer role";
    proxy.fault = { kind: "status", status: 403, code: "forbidden", message };
    const error = await failureOf(c.get("/models", ModelList));
    expect(error).toMatchObject({ kind: "refused", status: 403 });
    expect(error.message).toBe(`no permission on the cost-model service: ${message}`);
    expect(c.getSession().state).toBe("signed-in");
  });

  it("a 503 that passes: retried with backoff, then the answer", async () => {
    const c = await signedIn();
    proxy.fault = { kind: "status", status: 503, code: "unavailable", message: "restarting", times: 1 };
    await expect(c.get("/me", Me)).resolves.toMatchObject({ role: "admin" });
    expect(c.getDiagnostics()).toMatchObject({ requestsSent: 2, retries: 1 });
  });

  it("500s: retried, then the cells' words for a failing service", async () => {
    const c = await signedIn();
    proxy.fault = { kind: "status", status: 500, code: "internal", message: "The database does not answer" };
    const error = await failureOf(c.get("/me", Me));
    expect(error.message).toBe("the cost-model service failed (HTTP 500): The database does not answer");
    expect(c.getDiagnostics()).toMatchObject({ requestsSent: 3, retries: 2 });
  });

  it("a service that cannot be reached: not connected, retried, and the status goes offline", async () => {
    const c = await signedIn();
    await proxy.goDown();
    const error = await failureOf(c.get("/me", Me));
    expect(error.kind).toBe("unreachable");
    expect(error.message).toMatch(
      /^not connected to the cost-model service \(127\.0\.0\.1:\d+ cannot be reached\)$/,
    );
    expect(c.getDiagnostics().retries).toBe(2);
    expect(c.getStatus()).toMatchObject({ state: "offline", valuesAsOf: null });
    // Offline, the sign-in stays.
    expect(c.getSession().state).toBe("signed-in");
    await proxy.comeBack();
    await c.get("/me", Me);
    expect(c.getStatus().state).toBe("online");
  });

  it("answers slower than the timeout: not connected after the timeout, not later", async () => {
    const c = await signedIn({ timeoutMs: 300 });
    proxy.fault = { kind: "slow", ms: 3_000 };
    const started = Date.now();
    const error = await failureOf(c.get("/me", Me));
    expect(Date.now() - started).toBeLessThan(2_900);
    expect(error.message).toBe("not connected to the cost-model service (no answer within 0.3 s)");
  });

  it("closing the client ends a request under way", async () => {
    const c = await signedIn();
    proxy.fault = { kind: "slow", ms: 3_000 };
    const before = c.getDiagnostics().requestsSent;
    const asked = failureOf(c.get("/me", Me));
    while (c.getDiagnostics().requestsSent === before) await new Promise((resolve) => setTimeout(resolve, 5));
    await c.close();
    expect((await asked).message).toBe("not connected to the cost-model service (the add-in is closing)");
  });

  it("a saved sign-in the storage never hands over: an error within the timeout, nothing sent", async () => {
    const c = newClient({ store: unansweringStore(), timeoutMs: 300 });
    const started = Date.now();
    const error = await failureOf(c.get("/me", Me, { serviceUrl: proxy.url }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.message).toBe("the add-in's storage did not answer within 0.3 s: recalculate to try again");
    expect(c.getDiagnostics().requestsSent).toBe(0);
  });
});

describe("the token goes only to the origin it was signed in for", () => {
  let other: RecordingServer;

  beforeAll(async () => {
    other = await startRecordingServer();
  });
  afterAll(() => other.close());

  it("another service is not asked: sign in there", async () => {
    const c = await signedIn();
    const error = await failureOf(c.get("/models", ModelList, { serviceUrl: other.url }));
    expect(error).toMatchObject({
      kind: "refused",
      message: `sign in to the cost-model service at ${other.url}`,
    });
    expect(other.requests).toBe(0);
    expect(other.authorizations).toEqual([]);
  });

  it("plain http is refused except on this computer", async () => {
    const c = await signedIn();
    const error = await failureOf(c.get("/models", ModelList, { serviceUrl: "http://itfm.example.com" }));
    expect(error.message).toBe("the cost-model service must use https: http://itfm.example.com");
    expect(c.getDiagnostics().requestsSent).toBe(0);
  });

  it("not signed in: nothing is sent", async () => {
    const c = newClient();
    await c.ready();
    const error = await failureOf(c.get("/models", ModelList));
    expect(error.message).toBe("sign in to the cost-model service");
    expect(c.getDiagnostics().requestsSent).toBe(0);
  });
});

describe("signing in through the client", () => {
  it("a token the service refuses is not kept, and the status is left alone", async () => {
    const c = newClient();
    await c.ready();
    expect(c.getSession()).toEqual({ state: "signed-out" });
    const error = await failureOf(c.signIn(proxy.url, "itfm_not-a-real-token"));
    expect(error).toMatchObject({
      status: 401,
      message:
        "the service did not accept this access token: check that it was pasted whole, or ask your administrator for a new one",
    });
    expect(c.getSession()).toEqual({ state: "signed-out" });
    expect(c.getStatus().state).toBe("signed-out");
  });

  it("an address with a path that is not the service's says to check the address; the request is detail", async () => {
    const c = newClient();
    const error = await failureOf(c.signIn(`${proxy.url}/healthz`, service.token));
    expect(error).toMatchObject({
      status: 404,
      message: `no cost-model service answers at ${proxy.url}/healthz: check the service address, usually the address the add-in is served from, without a path (for example https://itfm.example.com)`,
    });
    expect((error as ServiceError).message).not.toMatch(/GET|\/api\/v1/);
    expect((error as ServiceError).details).toMatch(/GET .*\/healthz\/api\/v1\/me: HTTP 404/);
    expect(c.getSession()).toEqual({ state: "signed-out" });
  });

  it("a token the service accepts is kept with its account; the pane reads who from the session", async () => {
    const c = newClient();
    const sessions: string[] = [];
    c.subscribeSession((session) => sessions.push(session.state));
    const account = await c.signIn(`${proxy.url}/`, ` ${service.token} `);
    expect(account.role).toBe("admin");
    expect(c.getSession()).toEqual({ state: "signed-in", origin: proxy.url, account });
    expect(c.getStatus().state).toBe("online");
    await expect(c.get("/me", Me)).resolves.toEqual(account);
    await c.signOut();
    expect(c.getSession()).toEqual({ state: "signed-out" });
    expect(sessions).toEqual(["signed-out", "signed-in", "signed-out"]);
  });

  it("after a restart the saved sign-in is the session, and loadAccount tells whose it is", async () => {
    const store = memoryStore();
    const first = newClient({ store });
    const account = await first.signIn(proxy.url, service.token);
    await first.close();

    const second = newClient({ store });
    expect(second.getSession()).toEqual({ state: "starting" });
    await second.ready();
    expect(second.getSession()).toEqual({ state: "signed-in", origin: proxy.url, account: undefined });
    await expect(second.loadAccount()).resolves.toEqual(account);
    expect(second.getSession()).toEqual({ state: "signed-in", origin: proxy.url, account });
  });

  it("an address the token must not go to is refused before anything is sent", async () => {
    const c = newClient();
    const error = await failureOf(c.signIn("http://itfm.example.com", service.token));
    expect(error).toMatchObject({
      kind: "refused",
      message: "the cost-model service must use https: http://itfm.example.com",
    });
    expect(c.getDiagnostics().requestsSent).toBe(0);
  });
});
