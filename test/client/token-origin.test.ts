import { memoryStore, type CostModelClient, type CostModelClientOptions } from "../../src/client";
import { authorizationFor, readSignIn, TOKEN_KEY } from "../../src/client/sign-in";
import type { KeyValueStore } from "../../src/client/store";
import type { QueryResult } from "../../src/contract/query";
import { clientsWith } from "./support/clients";
import { startRecordingServer, type RecordingServer } from "./support/recording-server";
import { SeedFigures } from "./support/seed-figures";
import { DEMO_MODEL, PUBLISHED_VERSION, startDemoService, type DemoService } from "./support/service";

/** The token the saved sign-in lets a request to `serviceUrl` carry, or undefined. */
async function savedTokenFor(serviceUrl: string, store: KeyValueStore): Promise<string | undefined> {
  const authorization = authorizationFor(await readSignIn(store), serviceUrl);
  return "token" in authorization ? authorization.token : undefined;
}

let service: DemoService;
let other: RecordingServer;
let figures: SeedFigures;
const clients = clientsWith(() => ({ retry: { retries: 0 } }));
const compute = { kind: "cost" as const, member: "Compute", period: "2026-03" };

function newClient(options: CostModelClientOptions): CostModelClient {
  return clients.create(options);
}

const bindingAt = (serviceUrl: string) => ({ serviceUrl, model: DEMO_MODEL, version: PUBLISHED_VERSION });

function expectValue(result: QueryResult, period = "2026-03"): void {
  const expected = figures.cost("Compute", period, "Actual");
  expect("value" in result && typeof result.value === "string" && expected.eq(result.value)).toBe(true);
}

beforeAll(async () => {
  service = await startDemoService();
  other = await startRecordingServer();
  figures = await SeedFigures.load(service.db, PUBLISHED_VERSION);
});

afterAll(() => clients.closeAll(other, service));

describe("the token goes only to the service it was signed in for", () => {
  it("a cell bound to another server gets no token: it asks to sign in there, and the status says signed out", async () => {
    const client = newClient({ binding: bindingAt(service.url) });
    await client.setToken(service.token);
    expectValue(await client.query(compute));

    const otherOrigin = new URL(other.url).origin;
    const foreign = await client.query(compute, bindingAt(`${other.url}/itfm`));
    expect(foreign).toEqual({
      error: { code: "NA", message: `sign in to the cost-model service at ${otherOrigin}` },
    });
    expect(other.authorizations).toEqual([]);
    expect(other.requests).toBe(0);
    expect(client.getStatus()).toEqual({
      state: "signed-out",
      reason: `sign in to the cost-model service at ${otherOrigin}`,
    });

    // The service signed in for still answers, and the status follows.
    client.expireShortLived();
    expectValue(await client.query({ ...compute, period: "2026-02" }), "2026-02");
    expect(client.getStatus().state).toBe("online");
  });

  it("a workbook opened after a restart that names another server never receives the saved token", async () => {
    const store = memoryStore();
    const first = newClient({ store, binding: bindingAt(service.url) });
    await first.setToken(service.token);
    await first.close();

    const opened = newClient({ store, loadBinding: async () => bindingAt(other.url) });
    const results = await Promise.all([
      opened.query(compute),
      opened.query({ kind: "model", field: "name" }),
    ]);
    for (const result of results) {
      expect(result).toEqual({
        error: { code: "NA", message: expect.stringMatching(/^sign in to the cost-model service at /) },
      });
    }
    expect(other.requests).toBe(0);
    expect(await savedTokenFor(other.url, store)).toBeUndefined();
    expect(await savedTokenFor(`${service.url}/`, store)).toBe(service.token);
  });

  it("a token saved without its service is not used at all", async () => {
    const store = memoryStore([[TOKEN_KEY, service.token]]);
    const client = newClient({ store, binding: bindingAt(service.url) });
    const requests = service.requestsReceived();
    expect(await client.query(compute)).toEqual({
      error: { code: "NA", message: "sign in to the cost-model service" },
    });
    expect(service.requestsReceived()).toBe(requests);
    expect(client.getStatus().state).toBe("signed-out");
    expect(await savedTokenFor(service.url, store)).toBeUndefined();
  });
});

describe("plain http is refused except on this computer", () => {
  const insecure = "http://itfm.example.com";

  it("a cell bound to a plain-http server is #N/A naming the problem, and nothing is sent", async () => {
    const requested: string[] = [];
    const client = newClient({
      binding: bindingAt(service.url),
      fetch: (input, init) => {
        requested.push(String(input));
        return fetch(input, init);
      },
    });
    await client.setToken(service.token);
    expect(await client.query(compute, bindingAt(insecure))).toEqual({
      error: { code: "NA", message: `the cost-model service must use https: ${insecure}` },
    });
    expect(requested).toEqual([]);
    expectValue(await client.query(compute));
    expect(requested).toEqual([`${service.url}/api/v1/query`]);
  });

  it("signing in to a plain-http server is refused", async () => {
    const client = newClient({ binding: bindingAt(insecure) });
    await expect(client.setToken(service.token)).rejects.toThrow(
      `the cost-model service must use https: ${insecure}`,
    );
    await expect(client.setToken(service.token, "http://127.0.0.1.example.com")).rejects.toThrow(
      /must use https/,
    );
    await expect(client.setToken(service.token, "http://localhost.example.com:80")).rejects.toThrow(
      /must use https/,
    );
  });

  it("loopback addresses may use plain http", async () => {
    const store = memoryStore();
    const client = newClient({ store });
    for (const url of [
      "http://localhost:3000",
      "http://127.0.0.2:8080",
      "http://[::1]:3000",
      "https://itfm.example.com",
    ]) {
      await client.setToken(service.token, url);
      expect(await savedTokenFor(url, store)).toBe(service.token);
    }
  });
});
