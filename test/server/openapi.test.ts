import { describeEachDatabase, useTestServer } from "../support/server";
import { type Operation, callRoute, documentedRoutes, fillPath, routeKey } from "./route-examples";
import { type TenantFixture, setUpTenant } from "./tenant-fixture";

describeEachDatabase("the API document", (kind) => {
  const server = useTestServer(kind);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let document: any;

  beforeAll(async () => {
    const viewerToken = await server().tokenFor("Readers", "viewer");
    const response = await server().call("GET", "/api/v1/openapi.json", { token: viewerToken });
    expect(response.status).toBe(200);
    document = response.body;
  });

  const operations = () =>
    Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, operation]) => ({ path, method, operation })),
    );

  test("is served to any token, even a viewer's, and to no caller without one", async () => {
    const anonymous = await server().call("GET", "/api/v1/openapi.json");
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, "unauthorized"]);
    const forged = await server().call("GET", "/api/v1/openapi.json", { token: "itfm_unknown" });
    expect(forged.status).toBe(401);
    const operation = document.paths["/api/v1/openapi.json"].get;
    expect(operation.security).toEqual([{ bearerToken: [] }]);
    expect(operation["x-required-role"]).toBe("viewer");
  });

  test("is OpenAPI 3.1 with a bearer token scheme", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes.bearerToken).toEqual(
      expect.objectContaining({ type: "http", scheme: "bearer" }),
    );
    expect(document.components.schemas.Error.required).toEqual(["error"]);
  });

  test("every operation has a unique id, a summary, its path parameters and its answers", () => {
    const problems: string[] = [];
    const ids = new Set<string>();
    for (const { path, method, operation } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      if (ids.has(operation.operationId))
        problems.push(`${where}: operationId ${operation.operationId} twice`);
      ids.add(operation.operationId);
      if (!operation.summary || operation.summary.startsWith(method.toUpperCase()))
        problems.push(`${where}: no summary`);
      const declared = operation.parameters
        .filter((p: { in: string }) => p.in === "path")
        .map((p: { name: string }) => p.name);
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      if (JSON.stringify(declared) !== JSON.stringify(inPath))
        problems.push(`${where}: path parameters ${declared}`);
      const success = Object.keys(operation.responses).filter((status) => /^2\d\d$/.test(status));
      if (success.length === 0) problems.push(`${where}: no success answer`);
      for (const status of success) {
        if (
          status !== "204" &&
          operation.responses[status].content?.["application/json"]?.schema === undefined
        ) {
          problems.push(`${where}: answer ${status} has no schema`);
        }
      }
      if (
        ["post", "put"].includes(method) &&
        operation.requestBody === undefined &&
        !path.endsWith("/publish")
      ) {
        problems.push(`${where}: no request body`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("schemas come from the contract: a cost line's amount is a decimal string", () => {
    const body =
      document.paths["/api/v1/versions/{versionId}/cost-lines"].post.requestBody.content["application/json"]
        .schema;
    const line = body.properties.costLines.items;
    expect(line.required).toEqual(expect.arrayContaining(["pool", "period", "scenario", "amount"]));
    expect(line.properties.amount).toEqual(
      expect.objectContaining({ type: "string", pattern: "^-?\\d{1,20}(\\.\\d{1,12})?$" }),
    );
    const versionId = document.paths["/api/v1/versions/{versionId}"].get.parameters[0];
    expect(versionId).toEqual(expect.objectContaining({ name: "versionId", in: "path", required: true }));
    expect(versionId.schema.format).toBe("uuid");
    const limit = document.paths["/api/v1/versions/{versionId}/cost-lines"].get.parameters.find(
      (p: { name: string }) => p.name === "limit",
    );
    expect(limit).toEqual(expect.objectContaining({ in: "query", required: false }));
  });

  describe("agrees with what the routes do", () => {
    let tenant: TenantFixture;
    beforeAll(async () => {
      tenant = await setUpTenant(server(), "Documented");
    });

    test("a JSON body is documented as required exactly when a request without one gets 400", async () => {
      const documented: Record<string, boolean> = {};
      const refused: Record<string, boolean> = {};
      for (const { path, method, operation } of operations()) {
        const body = operation.requestBody as
          { required: boolean; content: Record<string, unknown> } | undefined;
        if (body?.content["application/json"] === undefined) continue;
        const where = `${method.toUpperCase()} ${path}`;
        const response = await server().call(method.toUpperCase(), fillPath(path, tenant.draft), {
          token: tenant.adminToken,
        });
        documented[where] = body.required;
        refused[where] = response.status === 400;
      }
      expect(Object.keys(documented).length).toBeGreaterThanOrEqual(10);
      expect(documented["POST /api/v1/users/{userId}/tokens"]).toBe(false);
      expect(refused).toEqual(documented);
    });

    /** Every route called once on the published version, and again with If-None-Match naming its ETag. */
    interface Probe {
      documents304: boolean;
      /** Its first answer's Cache-Control, when it has one. */
      cacheControl: string | null;
      answers304: boolean;
      /** The 304 answer's body. */
      notModifiedBody?: string;
    }
    let probes: Record<string, Probe>;

    beforeAll(async () => {
      // The examples revoke the token their context names: give them a spare one.
      const spare = await server().call("POST", `/api/v1/users/${tenant.published.userId}/tokens`, {
        token: tenant.adminToken,
        body: { label: "spare" },
      });
      const context = { ...tenant.published, tokenId: spare.body.id as string };
      probes = {};
      for (const route of await documentedRoutes(server(), tenant.viewerToken)) {
        const key = routeKey(route);
        const operation = document.paths[route.path][route.method.toLowerCase()] as Operation;
        const first = await callRoute(server(), route, context, { token: tenant.adminToken });
        const etag = first.headers.get("etag");
        const probe: Probe = {
          documents304: "304" in operation.responses,
          cacheControl: route.public ? null : first.headers.get("cache-control"),
          answers304: false,
        };
        if (etag !== null && first.status < 300) {
          const again = await callRoute(server(), route, context, {
            token: tenant.adminToken,
            headers: { "if-none-match": etag },
          });
          probe.answers304 = again.status === 304;
          if (probe.answers304) probe.notModifiedBody = again.text;
        }
        probes[key] = probe;
      }
    });

    test("a route documents 304 exactly when If-None-Match naming its ETag gets 304", () => {
      const documented = Object.fromEntries(Object.entries(probes).map(([key, p]) => [key, p.documents304]));
      const answered = Object.fromEntries(Object.entries(probes).map(([key, p]) => [key, p.answers304]));
      expect(answered).toEqual(documented);
      const revalidated = Object.keys(probes).filter((key) => probes[key].answers304);
      expect(revalidated).toEqual(
        expect.arrayContaining([
          "GET /api/v1/versions/{versionId}",
          "GET /api/v1/versions/{versionId}/export",
          "GET /api/v1/versions/{versionId}/members",
          "GET /api/v1/versions/{versionId}/scenarios",
          "GET /api/v1/versions/{versionId}/cost-lines",
          "GET /api/v1/versions/{versionId}/driver-quantities",
          "GET /api/v1/versions/{versionId}/rules",
          "POST /api/v1/query",
        ]),
      );
      for (const key of revalidated) {
        const [method, path] = key.split(" ");
        expect(document.paths[path][method.toLowerCase()].responses["304"]).toEqual({
          description: "Not modified: the copy named by If-None-Match is current",
        });
        expect(probes[key].notModifiedBody).toBe("");
      }
    });

    test("no answer to a caller with a token may be kept by a shared cache", () => {
      const shared = Object.entries(probes)
        .filter(([, p]) => p.cacheControl !== null && !/\b(private|no-store)\b/.test(p.cacheControl))
        .map(([key, p]) => `${key}: ${p.cacheControl}`);
      expect(shared).toEqual([]);
      const kept = Object.entries(probes).filter(([, p]) => p.cacheControl?.includes("max-age=31536000"));
      expect(kept.length).toBeGreaterThanOrEqual(8);
      for (const [, probe] of kept) expect(probe.cacheControl).toBe("private, max-age=31536000, immutable");
    });
  });
});
