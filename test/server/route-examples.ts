import type { ModelVersionDocument } from "../../src/contract/model";
import type { CallOptions, TestResponse, TestServer } from "../support/server";
import { handBuiltDocument } from "./publish.fixture";

/**
 * One valid request for every route of the API document, so the matrix tests (tenant isolation,
 * published immutability, roles, If-Match) run over every route there is: a route without an example
 * here fails them until one is added.
 */
export interface Route {
  method: string;
  /** The API document's path, e.g. /api/v1/versions/{versionId}. */
  path: string;
  requiredRole?: string;
  public: boolean;
}

/** The ids and names a request is made with. */
export interface RouteContext {
  modelId: string;
  versionId: string;
  userId: string;
  tokenId: string;
  member: { dimension: string; name: string };
  scenario: string;
  /** An import of the tenant (into its draft). */
  importId: string;
}

export interface Example {
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

let counter = 0;
const unique = (prefix: string): string => `${prefix} ${process.pid}-${++counter}`;

/** A small document that restores as a new model each time it is called. */
export function exampleDocument(status: "draft" | "published" = "draft"): ModelVersionDocument {
  const doc = handBuiltDocument();
  return {
    ...doc,
    model: { ...doc.model, name: unique("Restored model") },
    version: {
      label: "restored",
      status,
      publishedAt: status === "published" ? "2026-03-01T00:00:00.000Z" : null,
    },
  };
}

const EXAMPLES: Record<string, (ctx: RouteContext) => Example> = {
  "GET /healthz": () => ({}),
  "GET /readyz": () => ({}),
  "GET /api/v1/openapi.json": () => ({}),
  "GET /api/v1/me": () => ({}),
  "GET /api/v1/imports/{importId}": () => ({}),
  "GET /api/v1/audit": () => ({ query: "?limit=5" }),
  "GET /api/v1/models": () => ({}),
  "POST /api/v1/models": () => ({ body: { name: unique("Model"), currency: "EUR" } }),
  "POST /api/v1/models/restore": () => ({ body: exampleDocument() }),
  "GET /api/v1/models/{modelId}": () => ({}),
  "GET /api/v1/models/{modelId}/versions": () => ({}),
  "POST /api/v1/models/{modelId}/versions": () => ({ body: { label: unique("Draft") } }),
  "POST /api/v1/query": (ctx) => ({
    body: {
      model: ctx.modelId,
      version: ctx.versionId,
      queries: [{ kind: "cost", member: "Staffing", period: "2026-01" }],
    },
  }),
  "GET /api/v1/users": () => ({}),
  "POST /api/v1/users": () => ({
    body: { email: `${unique("user").replace(/\W+/g, "-")}@example.com`, name: "New user", role: "viewer" },
  }),
  "POST /api/v1/users/{userId}/tokens": () => ({ body: { label: "example" } }),
  "GET /api/v1/tokens": () => ({}),
  "DELETE /api/v1/tokens/{tokenId}": () => ({}),
  "GET /api/v1/versions/{versionId}": () => ({}),
  "DELETE /api/v1/versions/{versionId}": () => ({}),
  "GET /api/v1/versions/{versionId}/export": () => ({}),
  "POST /api/v1/versions/{versionId}/publish": () => ({}),
  "GET /api/v1/versions/{versionId}/members": () => ({ query: "?dimension=pool" }),
  "POST /api/v1/versions/{versionId}/members": () => ({
    body: { members: [{ dimension: "consumer", name: unique("Unit"), parent: "All Units" }] },
  }),
  "PUT /api/v1/versions/{versionId}/members/{dimension}/{name}": () => ({
    body: { parent: null, attributes: { note: "example" } },
  }),
  "DELETE /api/v1/versions/{versionId}/members/{dimension}/{name}": () => ({}),
  "GET /api/v1/versions/{versionId}/scenarios": () => ({}),
  "POST /api/v1/versions/{versionId}/scenarios": () => ({
    body: { scenarios: [{ name: unique("Scenario") }] },
  }),
  "DELETE /api/v1/versions/{versionId}/scenarios/{name}": () => ({}),
  "GET /api/v1/versions/{versionId}/cost-lines": () => ({ query: "?limit=5" }),
  "POST /api/v1/versions/{versionId}/cost-lines": () => ({
    body: { costLines: [{ pool: "Hardware", period: "2026-01", scenario: "Actual", amount: "12.34" }] },
  }),
  "POST /api/v1/explain": (ctx) => ({
    body: {
      model: ctx.modelId,
      version: ctx.versionId,
      query: { kind: "cost", member: "Staffing", period: "2026-01" },
    },
  }),
  "POST /api/v1/explain/lines": (ctx) => ({
    body: {
      model: ctx.modelId,
      version: ctx.versionId,
      query: { kind: "cost", member: "Staffing", period: "2026-01" },
    },
  }),
  "GET /api/v1/versions/{versionId}/lines": () => ({ query: "?member=Hardware&period=2026-Q1&limit=5" }),
  "GET /api/v1/versions/{versionId}/driver-quantities": () => ({ query: "?limit=5" }),
  "POST /api/v1/versions/{versionId}/driver-quantities": () => ({
    body: {
      driverQuantities: [
        { driver: "Servers", member: "Sales", period: "2026-01", scenario: "Actual", quantity: "2" },
      ],
    },
  }),
  "GET /api/v1/versions/{versionId}/rules": () => ({}),
  "PUT /api/v1/versions/{versionId}/rules": () => ({ body: { rules: handBuiltDocument().rules } }),
  "DELETE /api/v1/versions/{versionId}/imports/{importId}": () => ({}),
  "POST /api/v1/versions/{versionId}/import": () => ({
    query: "?kind=cost_lines",
    body: "pool,period,scenario,amount\nHardware,2026-01,Actual,5.00\n",
    headers: { "content-type": "text/csv" },
  }),
};

/** An operation of the API document, as far as the tests read it. */
export interface Operation {
  operationId: string;
  summary?: string;
  security?: unknown[];
  "x-required-role"?: string;
  parameters: { name: string; in: string }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

export function routeKey(route: Pick<Route, "method" | "path">): string {
  return `${route.method} ${route.path}`;
}

/** The example request of a route. */
export function exampleOf(route: Route, ctx: RouteContext): Example {
  const example = EXAMPLES[routeKey(route)];
  if (example === undefined)
    throw new Error(`no example request for ${routeKey(route)} in route-examples.ts`);
  return example(ctx);
}

/** Every route of the service, read from its API document with a token of any role. */
export async function documentedRoutes(server: TestServer, token: string): Promise<Route[]> {
  const response = await server.call("GET", "/api/v1/openapi.json", { token });
  if (response.status !== 200) throw new Error(`the API document answered ${response.status}`);
  const routes: Route[] = [];
  for (const [path, operations] of Object.entries(
    response.body.paths as Record<string, Record<string, Operation>>,
  )) {
    for (const [method, operation] of Object.entries(operations)) {
      routes.push({
        method: method.toUpperCase(),
        path,
        requiredRole: operation["x-required-role"],
        public: Array.isArray(operation.security) && operation.security.length === 0,
      });
    }
  }
  return routes;
}

export function routesWithoutExample(routes: readonly Route[]): string[] {
  return routes.map(routeKey).filter((key) => EXAMPLES[key] === undefined);
}

export function isWrite(route: Route): boolean {
  return route.method !== "GET";
}

/** The path with its parameters filled from the context. */
export function fillPath(path: string, ctx: RouteContext): string {
  const values: Record<string, string> = {
    modelId: ctx.modelId,
    versionId: ctx.versionId,
    userId: ctx.userId,
    tokenId: ctx.tokenId,
    importId: ctx.importId,
    dimension: ctx.member.dimension,
    name: path.includes("/scenarios/") ? ctx.scenario : ctx.member.name,
  };
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no example value for the path parameter ${name} of ${path}`);
    return encodeURIComponent(value);
  });
}

/** A path as a person reads it; one with bytes that are not UTF-8 is shown as sent. */
function readablePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Calls a route with its example request; `sent` is the request's path and body as text. */
export async function callRoute(
  server: TestServer,
  route: Route,
  ctx: RouteContext,
  options: {
    token?: string;
    headers?: Record<string, string>;
    /** Changes the example before it is sent (the bad-input matrices). */
    change?: (example: Example) => Example;
  } = {},
): Promise<TestResponse & { sent: string }> {
  const example = EXAMPLES[routeKey(route)];
  if (example === undefined)
    throw new Error(`no example request for ${routeKey(route)} in route-examples.ts`);
  const { query = "", body, headers } = (options.change ?? ((e: Example) => e))(example(ctx));
  const callOptions: CallOptions = {
    token: options.token,
    body,
    headers: { ...headers, ...options.headers },
  };
  const path = fillPath(route.path, ctx) + query;
  const response = await server.call(route.method, path, callOptions);
  return {
    ...response,
    sent: `${readablePath(path)} ${typeof body === "string" ? body : JSON.stringify(body)}`,
  };
}
