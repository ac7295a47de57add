import { createCostModelClient, memoryStore, ServiceError } from "../../src/client";

const SERVICE = "https://itfm.example.com";
const ME = {
  user: { id: "6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60", name: "Dana Controller", email: "dana@contoso.test" },
  tenant: { id: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", name: "Contoso Finance" },
  role: "editor",
  tokenId: "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
};

/** A fetch that answers as `mode()` says: down (network error), up (GET /me), or hanging until aborted. */
function fakeService(mode: () => "down" | "up" | "hang") {
  const requests: string[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    requests.push(String(input));
    const now = mode();
    if (now === "down") return Promise.reject(new TypeError("fetch failed"));
    if (now === "up") return Promise.resolve(new Response(JSON.stringify(ME), { status: 200 }));
    return new Promise((_resolve, reject) =>
      init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
    );
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

const newClient = (fetch: typeof globalThis.fetch) =>
  createCostModelClient({ fetch, store: memoryStore(), retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 } });

describe("the background check of the connection", () => {
  it("asks once, without retries, and the status follows: offline, then online", async () => {
    let mode: "down" | "up" = "down";
    const service = fakeService(() => mode);
    const client = newClient(service.fetch);
    await client.setToken("tok-1", SERVICE);
    await expect(client.checkConnection({ serviceUrl: SERVICE })).resolves.toBe(false);
    expect(service.requests).toEqual([`${SERVICE}/api/v1/me`]);
    expect(client.getStatus().state).toBe("offline");
    mode = "up";
    await expect(client.checkConnection({ serviceUrl: SERVICE })).resolves.toBe(true);
    expect(client.getStatus().state).toBe("online");
    await client.close();
  });

  it("a hanging service: the check ends after its timeout", async () => {
    const client = newClient(fakeService(() => "hang").fetch);
    await client.setToken("tok-1", SERVICE);
    await expect(client.checkConnection({ serviceUrl: SERVICE }, 20)).resolves.toBe(false);
    expect(client.getStatus().state).toBe("offline");
    await client.close();
  });
});

describe("a sign-in the user cancels", () => {
  it("stops the request, rejects, and keeps no token", async () => {
    const client = newClient(fakeService(() => "hang").fetch);
    const cancel = new AbortController();
    const signingIn = client.signIn(SERVICE, "tok-2", { signal: cancel.signal });
    cancel.abort();
    await expect(signingIn).rejects.toBeInstanceOf(ServiceError);
    expect(client.getSession().state).not.toBe("signed-in");
    await client.close();
  });

  it("a hanging address ends in a ServiceError after the sign-in's own timeout", async () => {
    const client = newClient(fakeService(() => "hang").fetch);
    const failure = await client.signIn(SERVICE, "tok-3", { timeoutMs: 20 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceError);
    expect((failure as ServiceError).kind).toBe("unreachable");
    await client.close();
  });
});
