import { describeEachDatabase, useTestServer } from "../support/server";
import { type Route, callRoute, documentedRoutes, isWrite, routeKey } from "./route-examples";
import { type TenantFixture, setUpTenant } from "./tenant-fixture";

const line = (amount: string) => ({
  costLines: [{ pool: "Hardware", period: "2026-04", scenario: "Actual", amount }],
});

describeEachDatabase("optimistic concurrency and caching of versions", (kind) => {
  const server = useTestServer(kind);
  let tenant: TenantFixture;

  beforeAll(async () => {
    tenant = await setUpTenant(server(), "Concurrent");
  });

  const version = (id: string) =>
    server().call("GET", `/api/v1/versions/${id}`, { token: tenant.editorToken });
  const addLine = (id: string, amount: string, headers: Record<string, string> = {}) =>
    server().call("POST", `/api/v1/versions/${id}/cost-lines`, {
      token: tenant.editorToken,
      body: line(amount),
      headers,
    });
  const lineCount = async (id: string) =>
    Number(
      (
        await server().db.query<{ n: string }>("SELECT count(*) AS n FROM cost_lines WHERE version_id = $1", [
          id,
        ])
      ).rows[0].n,
    );

  test("a write with the current ETag succeeds and returns the next one; the old one then gets 412", async () => {
    const id = tenant.draft.versionId;
    const first = await version(id);
    const etag = first.headers.get("etag")!;
    expect(etag).toBe(`"${id}.${first.body.revision}"`);

    const written = await addLine(id, "1.00", { "if-match": etag });
    expect(written.status).toBe(200);
    const next = written.headers.get("etag")!;
    expect(next).toBe(`"${id}.${first.body.revision + 1}"`);
    expect((await version(id)).headers.get("etag")).toBe(next);

    const count = await lineCount(id);
    const stale = await addLine(id, "2.00", { "if-match": etag });
    expect(stale.status).toBe(412);
    expect(stale.body.error).toMatchObject({ code: "precondition_failed", details: { currentEtag: next } });
    expect(stale.body.error.message).toContain("has changed since you read it");
    expect(await lineCount(id)).toBe(count);

    expect((await addLine(id, "3.00", { "if-match": next })).status).toBe(200);
    expect((await addLine(id, "4.00", { "if-match": "*" })).status).toBe(200);
    expect((await addLine(id, "5.00")).status).toBe(200);
  });

  test("of writers racing with the same ETag exactly one wins", async () => {
    const id = tenant.draft.versionId;
    const etag = (await version(id)).headers.get("etag")!;
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => addLine(id, `${i + 10}.00`, { "if-match": etag })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412, 412, 412, 412, 412, 412, 412]);
  });

  test("every write route to a draft refuses a stale If-Match with 412 and changes nothing", async () => {
    const routes = (await documentedRoutes(server(), tenant.viewerToken)).filter(
      (route: Route) => isWrite(route) && route.path.includes("{versionId}"),
    );
    const id = tenant.draft.versionId;
    const before = await server().call("GET", `/api/v1/versions/${id}/export`, { token: tenant.adminToken });
    const stale = `"${id}.0"`;
    const answers: Record<string, number> = {};
    for (const route of routes) {
      const response = await callRoute(server(), route, tenant.draft, {
        token: tenant.adminToken,
        headers: { "if-match": stale },
      });
      answers[routeKey(route)] = response.status;
    }
    expect(answers).toEqual(Object.fromEntries(routes.map((r) => [routeKey(r), 412])));
    const after = await server().call("GET", `/api/v1/versions/${id}/export`, { token: tenant.adminToken });
    expect(after.text).toBe(before.text);
  });

  test("reads of a published version may be kept for good by the caller alone; a draft's must be revalidated", async () => {
    for (const path of [
      "",
      "/members",
      "/scenarios",
      "/cost-lines",
      "/driver-quantities",
      "/rules",
      "/export",
    ]) {
      const published = await server().call("GET", `/api/v1/versions/${tenant.published.versionId}${path}`, {
        token: tenant.viewerToken,
      });
      expect(published.status).toBe(200);
      expect(published.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
      expect(published.headers.get("etag")).toBe(`"${tenant.published.versionId}.1"`);
      expect(published.headers.get("vary")).toBe("Authorization");

      const draft = await server().call("GET", `/api/v1/versions/${tenant.draft.versionId}${path}`, {
        token: tenant.viewerToken,
      });
      expect(draft.headers.get("cache-control")).toContain("no-cache");
      expect(draft.headers.get("etag")).toMatch(new RegExp(`^"${tenant.draft.versionId}\\.\\d+"$`));
    }
  });

  test("If-None-Match with the current ETag answers 304 without a body", async () => {
    const path = `/api/v1/versions/${tenant.published.versionId}/members`;
    const first = await server().call("GET", path, { token: tenant.viewerToken });
    const again = await server().call("GET", path, {
      token: tenant.viewerToken,
      headers: { "if-none-match": first.headers.get("etag")! },
    });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    const changed = await server().call("GET", path, {
      token: tenant.viewerToken,
      headers: { "if-none-match": `"${tenant.published.versionId}.0"` },
    });
    expect(changed.status).toBe(200);
  });
});
