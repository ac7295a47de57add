import { describeEachDatabase, useTestServer } from "../support/server";
import { type RouteContext, callRoute, documentedRoutes, isWrite, routeKey } from "./route-examples";
import { type TenantFixture, setUpTenant } from "./tenant-fixture";

/** POST routes that read: they change nothing and write no audit entry. */
const READS = ["POST /api/v1/query", "POST /api/v1/explain", "POST /api/v1/explain/lines"];

describeEachDatabase("the audit log", (kind) => {
  const server = useTestServer(kind);
  let tenant: TenantFixture;

  beforeAll(async () => {
    tenant = await setUpTenant(server(), "Audited");
  });

  const auditCount = async () =>
    Number(
      (
        await server().db.query<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE tenant_id = $1", [
          tenant.tenantId,
        ])
      ).rows[0].n,
    );

  test("every successful change writes an entry naming who did what", async () => {
    const routes = new Map(
      (await documentedRoutes(server(), tenant.viewerToken)).map((r) => [routeKey(r), r]),
    );
    const changes = [...routes.values()]
      .filter((r) => isWrite(r) && !READS.includes(routeKey(r)))
      .map(routeKey);
    const run = async (key: string, ctx: RouteContext) => {
      const route = routes.get(key);
      if (route === undefined) throw new Error(`${key} is not in the API document`);
      const before = await auditCount();
      const response = await callRoute(server(), route, ctx, { token: tenant.adminToken });
      if (response.status >= 300) throw new Error(`${key}: ${response.status} ${response.text}`);
      const added = (await auditCount()) - before;
      return { response, added };
    };

    const actions: Record<string, number> = {};
    const draft = tenant.draft;
    const record = async (key: string, ctx: RouteContext) => {
      const { response, added } = await run(key, ctx);
      actions[key] = added;
      return response;
    };

    await record("POST /api/v1/models", draft);
    const spare = await record("POST /api/v1/models/{modelId}/versions", draft);
    await record("DELETE /api/v1/versions/{versionId}", { ...draft, versionId: spare.body.id });
    await record("POST /api/v1/versions/{versionId}/members", draft);
    const spareMember = { ...draft, member: { dimension: "pool", name: "Spare pool" } };
    await record("PUT /api/v1/versions/{versionId}/members/{dimension}/{name}", spareMember);
    await record("DELETE /api/v1/versions/{versionId}/members/{dimension}/{name}", spareMember);
    const scenario = await server().call("POST", `/api/v1/versions/${draft.versionId}/scenarios`, {
      token: tenant.adminToken,
      body: { scenarios: [{ name: "Spare scenario" }] },
    });
    expect(scenario.status).toBe(200);
    await record("POST /api/v1/versions/{versionId}/scenarios", draft);
    await record("DELETE /api/v1/versions/{versionId}/scenarios/{name}", {
      ...draft,
      scenario: "Spare scenario",
    });
    await record("POST /api/v1/versions/{versionId}/cost-lines", draft);
    await record("POST /api/v1/versions/{versionId}/driver-quantities", draft);
    await record("PUT /api/v1/versions/{versionId}/rules", draft);
    const imported = await record("POST /api/v1/versions/{versionId}/import", draft);
    await record("DELETE /api/v1/versions/{versionId}/imports/{importId}", {
      ...draft,
      importId: imported.body.importId,
    });
    await record("POST /api/v1/versions/{versionId}/publish", draft);
    await record("POST /api/v1/models/restore", draft);
    const user = await record("POST /api/v1/users", draft);
    const token = await record("POST /api/v1/users/{userId}/tokens", { ...draft, userId: user.body.id });
    await record("DELETE /api/v1/tokens/{tokenId}", { ...draft, tokenId: token.body.id });

    expect(Object.keys(actions).sort()).toEqual([...changes].sort());
    for (const [key, added] of Object.entries(actions)) expect([key, added >= 1]).toEqual([key, true]);

    const added = Object.values(actions).reduce((a, b) => a + b, 0);
    const log = await server().call("GET", `/api/v1/audit?limit=${added}`, { token: tenant.adminToken });
    expect(log.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        "model.create",
        "version.create",
        "version.delete",
        "members.upsert",
        "members.delete",
        "scenarios.add",
        "scenarios.delete",
        "cost_lines.add",
        "driver_quantities.add",
        "rules.replace",
        "version.import",
        "version.import_undone",
        "version.publish",
        "version.restore",
        "user.create",
        "token.issue",
        "token.revoke",
      ]),
    );
    for (const entry of log.body.entries) {
      expect(entry.userEmail).toBe("admin@audited.example.com");
      expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
    }
  });

  test("a refused change writes nothing to the log", async () => {
    const before = await auditCount();
    const refused = await server().call("POST", `/api/v1/versions/${tenant.published.versionId}/cost-lines`, {
      token: tenant.adminToken,
      body: { costLines: [{ pool: "Hardware", period: "2026-03", scenario: "Actual", amount: "1.00" }] },
    });
    expect(refused.status).toBe(409);
    expect(await auditCount()).toBe(before);
  });

  test("the log reads newest first, a page at a time", async () => {
    const all = await server().call("GET", "/api/v1/audit?limit=1000", { token: tenant.adminToken });
    const ids = all.body.entries.map((e: { id: string }) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const pages: string[] = [];
    let next: string | null = null;
    do {
      const page: { body: { entries: { id: string }[]; next: string | null } } = await server().call(
        "GET",
        `/api/v1/audit?limit=4${next === null ? "" : `&before=${next}`}`,
        { token: tenant.adminToken },
      );
      pages.push(...page.body.entries.map((e) => e.id));
      next = page.body.next;
    } while (next !== null);
    expect(pages).toEqual(all.body.entries.map((e: { id: string }) => e.id));
  });

  test("entries can be neither changed nor deleted", async () => {
    await expect(server().db.query("UPDATE audit_log SET action = 'nothing happened'")).rejects.toThrow(
      "audit_log is append-only",
    );
    await expect(server().db.query("DELETE FROM audit_log")).rejects.toThrow("audit_log is append-only");
    expect(await auditCount()).toBeGreaterThan(10);
  });
});
