import { describeEachDatabase, useTestServer } from "../support/server";
import { type Operation, fillPath } from "./route-examples";
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
  });
});
