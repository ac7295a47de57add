import { describeEachDatabase, useTestServer } from "../support/server";
import { type Route, callRoute, documentedRoutes, isWrite, routeKey } from "./route-examples";
import { type TenantFixture, setUpTenant } from "./tenant-fixture";

describeEachDatabase("published versions never change", (kind) => {
  const server = useTestServer(kind);
  let tenant: TenantFixture;
  let versionWrites: Route[];

  beforeAll(async () => {
    tenant = await setUpTenant(server(), "Immutable");
    const routes = await documentedRoutes(server(), tenant.viewerToken);
    versionWrites = routes.filter((route) => isWrite(route) && route.path.includes("{versionId}"));
  });

  const exportOf = async (versionId: string) =>
    (await server().call("GET", `/api/v1/versions/${versionId}/export`, { token: tenant.adminToken })).text;

  test("every write to a published version answers 409 and changes nothing", async () => {
    expect(versionWrites.length).toBeGreaterThanOrEqual(11);
    const before = await exportOf(tenant.published.versionId);
    const version = await server().call("GET", `/api/v1/versions/${tenant.published.versionId}`, {
      token: tenant.adminToken,
    });
    const answers: Record<string, unknown> = {};
    for (const route of versionWrites) {
      const response = await callRoute(server(), route, tenant.published, { token: tenant.adminToken });
      answers[routeKey(route)] = [response.status, response.body?.error?.code];
    }
    expect(answers).toEqual(
      Object.fromEntries(versionWrites.map((r) => [routeKey(r), [409, "version_published"]])),
    );
    expect(await exportOf(tenant.published.versionId)).toBe(before);
    const after = await server().call("GET", `/api/v1/versions/${tenant.published.versionId}`, {
      token: tenant.adminToken,
    });
    expect(after.body).toEqual(version.body);
  });

  test("the refusal says why and what to do", async () => {
    const response = await server().call(
      "POST",
      `/api/v1/versions/${tenant.published.versionId}/cost-lines`,
      {
        token: tenant.editorToken,
        body: { costLines: [{ pool: "Hardware", period: "2026-03", scenario: "Actual", amount: "1.00" }] },
      },
    );
    expect(response.status).toBe(409);
    expect(response.body.error.message).toBe(
      'The version "Published v1" is published and can no longer change; create a new draft from it to make changes',
    );
  });

  test("publishing a published version again leaves its results as they were", async () => {
    const results = async () =>
      (
        await server().db.query(
          "SELECT dimension, member, consumer, period, scenario, amount FROM allocation_results WHERE version_id = $1 ORDER BY 1, 2, 3, 4, 5",
          [tenant.published.versionId],
        )
      ).rows;
    const before = await results();
    expect(before.length).toBeGreaterThan(0);
    await server().call("POST", `/api/v1/versions/${tenant.published.versionId}/publish`, {
      token: tenant.adminToken,
    });
    expect(await results()).toEqual(before);
  });

  test("a new draft copied from a published version can change", async () => {
    const created = await server().call("POST", `/api/v1/models/${tenant.published.modelId}/versions`, {
      token: tenant.editorToken,
      body: { label: "Next draft", copyFrom: tenant.published.versionId },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "draft", revision: 1, basedOn: tenant.published.versionId });
    const write = await server().call("POST", `/api/v1/versions/${created.body.id}/cost-lines`, {
      token: tenant.editorToken,
      body: { costLines: [{ pool: "Hardware", period: "2026-03", scenario: "Actual", amount: "1.00" }] },
    });
    expect(write.status).toBe(200);
    expect(write.body).toEqual({ revision: 2, count: 1 });
  });
});
