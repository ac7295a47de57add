import { describeEachDatabase, startTestServer, useTestServer } from "../support/server";
import { type Route, callRoute, documentedRoutes, routeKey } from "./route-examples";
import { type TenantFixture, setUpTenant } from "./tenant-fixture";

describeEachDatabase("tokens and roles", (kind) => {
  const server = useTestServer(kind);
  let tenant: TenantFixture;
  let routes: Route[];

  beforeAll(async () => {
    tenant = await setUpTenant(server(), "Guarded");
    routes = (await documentedRoutes(server(), tenant.viewerToken)).filter((route) => !route.public);
  });

  test("every route but the health check needs a token and names its least role", async () => {
    const publicRoutes = (await documentedRoutes(server(), tenant.viewerToken)).filter((r) => r.public);
    expect(publicRoutes.map(routeKey)).toEqual(["GET /healthz", "GET /readyz"]);
    expect(routes.find((r) => routeKey(r) === "GET /api/v1/openapi.json")?.requiredRole).toBe("viewer");
    expect(routes.filter((r) => r.requiredRole === undefined).map(routeKey)).toEqual([]);
  });

  test("without a token, with a malformed header or an unknown token: 401 with WWW-Authenticate", async () => {
    const failures: string[] = [];
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Basic dXNlcjpwYXNz" },
      { authorization: "Bearer" },
      { authorization: "Bearer itfm_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
      { authorization: `Bearer ${tenant.adminToken}x` },
    ];
    for (const route of routes) {
      for (const headers of attempts) {
        const response = await callRoute(server(), route, tenant.draft, { headers });
        const challenge = response.headers.get("www-authenticate") ?? "";
        if (
          response.status !== 401 ||
          !challenge.startsWith("Bearer") ||
          response.body?.error?.code === undefined
        ) {
          failures.push(`${routeKey(route)} ${JSON.stringify(headers)}: ${response.status} ${challenge}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  test("a viewer reads but never writes; an editor does everything but admin work", async () => {
    const rank = { viewer: 1, editor: 2, admin: 3 } as Record<string, number>;
    const failures: string[] = [];
    for (const [role, token] of [
      ["viewer", tenant.viewerToken],
      ["editor", tenant.editorToken],
    ]) {
      for (const route of routes.filter((r) => rank[r.requiredRole!] > rank[role])) {
        const response = await callRoute(server(), route, tenant.draft, { token });
        if (response.status !== 403 || response.body.error.code !== "forbidden") {
          failures.push(`${role} ${routeKey(route)}: ${response.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    const publish = await server().call("POST", `/api/v1/versions/${tenant.draft.versionId}/publish`, {
      token: tenant.editorToken,
    });
    expect(publish.status).toBe(403);
    expect(publish.body.error.message).toBe(
      "This needs the admin role; your token belongs to a user with the editor role",
    );
  });

  test("only admin routes need admin: publishing, users, tokens, the audit log, models and restores", () => {
    const adminRoutes = routes.filter((r) => r.requiredRole === "admin").map(routeKey);
    expect(adminRoutes).toEqual(
      expect.arrayContaining([
        "POST /api/v1/versions/{versionId}/publish",
        "GET /api/v1/users",
        "POST /api/v1/users/{userId}/tokens",
        "DELETE /api/v1/tokens/{tokenId}",
        "GET /api/v1/audit",
        "POST /api/v1/models/restore",
      ]),
    );
    expect(routes.filter((r) => r.method === "GET" && r.requiredRole === "viewer").length).toBeGreaterThan(
      10,
    );
  });

  test("/me tells who the token belongs to", async () => {
    const me = await server().call("GET", "/api/v1/me", { token: tenant.editorToken });
    expect(me.body).toMatchObject({
      user: { email: "editor@guarded.example.com", name: "Guarded editor" },
      tenant: { id: tenant.tenantId, name: "Guarded" },
      role: "editor",
    });
  });

  test("a token revoked through the API is refused at once", async () => {
    const user = await server().identity("Guarded", "viewer");
    const issued = await server().call("POST", `/api/v1/users/${user.userId}/tokens`, {
      token: tenant.adminToken,
      body: { label: "short-lived" },
    });
    expect(issued.status).toBe(201);
    expect(issued.body.token).toMatch(/^itfm_[A-Za-z0-9_-]{43}$/);
    expect((await server().call("GET", "/api/v1/me", { token: issued.body.token })).status).toBe(200);

    const revoked = await server().call("DELETE", `/api/v1/tokens/${issued.body.id}`, {
      token: tenant.adminToken,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await server().call("GET", "/api/v1/me", { token: issued.body.token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("invalid_token");
  });

  test("an expired token is refused", async () => {
    const user = await server().identity("Guarded", "viewer");
    const issued = await server().call("POST", `/api/v1/users/${user.userId}/tokens`, {
      token: tenant.adminToken,
      body: { expiresInDays: 1 },
    });
    expect(Date.parse(issued.body.expiresAt) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    await server().db.query("UPDATE tokens SET expires_at = now() - interval '1 minute' WHERE id = $1", [
      issued.body.id,
    ]);
    expect((await server().call("GET", "/api/v1/me", { token: issued.body.token })).status).toBe(401);
  });

  test("a token issued without a body has no label and never expires, as the document says", async () => {
    const user = await server().identity("Guarded", "viewer");
    const issued = await server().call("POST", `/api/v1/users/${user.userId}/tokens`, {
      token: tenant.adminToken,
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ userId: user.userId, label: "", expiresAt: null, revokedAt: null });
    expect((await server().call("GET", "/api/v1/me", { token: issued.body.token })).status).toBe(200);
    const document = await server().call("GET", "/api/v1/openapi.json", { token: tenant.viewerToken });
    const requestBody = document.body.paths["/api/v1/users/{userId}/tokens"].post.requestBody;
    expect(requestBody.required).toBe(false);
    expect(requestBody.content["application/json"].schema.description).toBe(
      "Optional: without a body the token has no label and never expires",
    );
  });

  test("the token list never shows a token or its hash", async () => {
    const list = await server().call("GET", "/api/v1/tokens", { token: tenant.adminToken });
    expect(list.status).toBe(200);
    expect(list.body.tokens.length).toBeGreaterThanOrEqual(3);
    const hashes = await server().db.query<{ token_hash: string }>("SELECT token_hash FROM tokens");
    for (const { token_hash } of hashes.rows) expect(list.text).not.toContain(token_hash);
    for (const token of [tenant.adminToken, tenant.editorToken, tenant.viewerToken]) {
      expect(list.text).not.toContain(token);
    }
    expect(Object.keys(list.body.tokens[0]).sort()).toEqual(
      ["createdAt", "expiresAt", "id", "label", "revokedAt", "userEmail", "userId"].sort(),
    );
  });

  test("the database keeps the SHA-256 of a token, never the token", async () => {
    const { createHash } = await import("node:crypto");
    const stored = await server().db.query<{ token_hash: string }>(
      "SELECT token_hash FROM tokens WHERE id = $1",
      [tenant.draft.tokenId],
    );
    expect(stored.rows[0].token_hash).toBe(createHash("sha256").update(tenant.adminToken).digest("hex"));
  });

  test("requests beyond the rate limit of a token get 429; other tokens go on", async () => {
    const limited = await startTestServer({ db: kind, config: { rateLimitPerMinute: 5 } });
    try {
      const one = await limited.tokenFor("Busy", "viewer");
      const other = await limited.tokenFor("Busy", "editor");
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await limited.call("GET", "/api/v1/me", { token: one })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await limited.call("GET", "/api/v1/me", { token: one });
      expect(refused.body.error.code).toBe("rate_limited");
      expect(refused.body.error.message).toContain("the limit is 5 a minute");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await limited.call("GET", "/api/v1/me", { token: other })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  test("the rate limit counts a token however its header is spelt", async () => {
    const limited = await startTestServer({ db: kind, config: { rateLimitPerMinute: 3 } });
    try {
      const token = await limited.tokenFor("Busy", "viewer");
      const spellings = [`Bearer ${token}`, `bearer ${token}`, `Bearer  ${token}`, `BEARER \t${token} `];
      const statuses: number[] = [];
      for (const authorization of spellings) {
        const response = await limited.call("GET", "/api/v1/me", { headers: { authorization } });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});
