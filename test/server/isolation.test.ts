import { describeEachDatabase, useTestServer } from "../support/server";
import { type Route, callRoute, documentedRoutes, routeKey, routesWithoutExample } from "./route-examples";
import {
  type TenantFixture,
  contentSecretsOf,
  documentFor,
  restore,
  secretsOf,
  setUpTenant,
} from "./tenant-fixture";

describeEachDatabase("tenant isolation", (kind) => {
  const server = useTestServer(kind);
  let alpha: TenantFixture;
  let beta: TenantFixture;
  let routes: Route[];

  beforeAll(async () => {
    alpha = await setUpTenant(server(), "Alpha");
    // Other member names and amounts, so that an answer showing Alpha's content is told apart from Beta's own.
    beta = await setUpTenant(server(), "Beta", { memberSuffix: " of Beta", amountFactor: "9" });
    routes = (await documentedRoutes(server(), alpha.viewerToken)).filter((route) => !route.public);
  });

  async function snapshot(tenant: TenantFixture) {
    const read = (versionId: string) =>
      server().call("GET", `/api/v1/versions/${versionId}/export`, { token: tenant.adminToken });
    const audit = await server().db.query<{ n: string }>(
      "SELECT count(*) AS n FROM audit_log WHERE tenant_id = $1",
      [tenant.tenantId],
    );
    const tokens = await server().call("GET", "/api/v1/tokens", { token: tenant.adminToken });
    return {
      draft: (await read(tenant.draft.versionId)).text,
      published: (await read(tenant.published.versionId)).text,
      audit: audit.rows[0].n,
      tokens: tokens.text,
    };
  }

  test("a tenant's secrets are in its own answers and in none of the other tenant's", async () => {
    const exported = async (tenant: TenantFixture) =>
      (
        await server().call("GET", `/api/v1/versions/${tenant.published.versionId}/export`, {
          token: tenant.adminToken,
        })
      ).text;
    const alphaExport = await exported(alpha);
    const betaExport = await exported(beta);
    const contentSecrets = contentSecretsOf(alpha);
    expect(contentSecrets.length).toBeGreaterThan(20);
    expect(contentSecrets.filter((secret) => !alphaExport.includes(secret))).toEqual([]);
    expect(contentSecrets.filter((secret) => betaExport.includes(secret))).toEqual([]);
  });

  test("every route has an example request", () => {
    expect(routesWithoutExample(routes)).toEqual([]);
    expect(routes.length).toBeGreaterThan(30);
  });

  test("every route with another tenant's ids answers 404 or 403 and shows none of its data", async () => {
    const before = await snapshot(alpha);
    const secrets = secretsOf(alpha);
    const leaks: string[] = [];
    for (const route of routes) {
      for (const ctx of [alpha.draft, alpha.published]) {
        const response = await callRoute(server(), route, ctx, { token: beta.adminToken });
        const takesIds = route.path.includes("{");
        if (takesIds && ![403, 404].includes(response.status)) {
          leaks.push(`${routeKey(route)} answered ${response.status}: ${response.text.slice(0, 200)}`);
        }
        // An id the request itself names may come back in the answer (e.g. "no model <id>"); nothing else may.
        for (const secret of secrets) {
          if (response.text.includes(secret) && !response.sent.includes(secret)) {
            leaks.push(`${routeKey(route)} showed "${secret}"`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(await snapshot(alpha)).toEqual(before);
  });

  test("a draft cannot be copied from another tenant's version", async () => {
    const response = await server().call("POST", `/api/v1/models/${beta.draft.modelId}/versions`, {
      token: beta.adminToken,
      body: { label: "stolen", copyFrom: alpha.published.versionId },
    });
    expect(response.status).toBe(404);
    const versions = await server().call("GET", `/api/v1/models/${beta.draft.modelId}/versions`, {
      token: beta.adminToken,
    });
    expect(versions.body.versions.map((v: { label: string }) => v.label)).not.toContain("stolen");
  });

  test("lists show only the caller's tenant", async () => {
    for (const path of ["/api/v1/models", "/api/v1/users", "/api/v1/tokens", "/api/v1/audit"]) {
      const response = await server().call("GET", path, { token: beta.adminToken });
      expect(response.status).toBe(200);
      for (const secret of secretsOf(alpha)) expect(response.text).not.toContain(secret);
    }
  });

  test("the same model name in two tenants are two models", async () => {
    const restored = await restore(
      server(),
      beta.adminToken,
      documentFor(alpha.modelName, "Beta's own", "draft"),
    );
    expect(restored.model.id).not.toBe(alpha.draft.modelId);
    const alphaVersions = await server().call("GET", `/api/v1/models/${alpha.draft.modelId}/versions`, {
      token: alpha.adminToken,
    });
    expect(alphaVersions.body.versions.map((v: { label: string }) => v.label).sort()).toEqual([
      "Draft v2",
      "Published v1",
    ]);
  });
});
