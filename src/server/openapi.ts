import type { RouteOptions } from "fastify";
import { z } from "zod";
import { ErrorResponse, type Role } from "../contract/api";
import packageJson from "../../package.json";
import { NotModified } from "./routes/etag";
import type { RouteSchema } from "./routes/schema";

/** A route as registered with fastify: the API document is built from these, so it cannot drift. */
export interface CatalogRoute {
  method: string;
  url: string;
  schema?: RouteSchema & { consumes?: string[] };
  /** The least role the route lets through (from its requireRole hook). */
  requiredRole?: Role;
  /** Served without a token. */
  public: boolean;
}

type Hooks = RouteOptions["onRequest"] | RouteOptions["preHandler"];

function roleOf(hooks: Hooks): Role | undefined {
  const list = Array.isArray(hooks) ? hooks : hooks === undefined ? [] : [hooks];
  for (const hook of list) {
    const role = (hook as { requiredRole?: Role }).requiredRole;
    if (role !== undefined) return role;
  }
  return undefined;
}

/** Collects the service's routes (the API and the health check; not the add-in's static files). */
export class RouteCatalog {
  readonly routes: CatalogRoute[] = [];

  readonly record = (options: RouteOptions): void => {
    const methods = Array.isArray(options.method) ? options.method : [options.method];
    const url = options.url;
    if (!url.startsWith("/api/") && url !== "/healthz" && url !== "/readyz") return;
    for (const method of methods) {
      if (method === "HEAD") continue;
      this.routes.push({
        method,
        url,
        schema: options.schema as CatalogRoute["schema"],
        requiredRole: roleOf(options.onRequest) ?? roleOf(options.preHandler),
        public: (options.config as { public?: boolean } | undefined)?.public === true,
      });
    }
  };
}

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: unknown, io: "input" | "output"): JsonSchema {
  const converted = z.toJSONSchema(schema as z.ZodType, { io, unrepresentable: "any" }) as JsonSchema;
  delete converted.$schema;
  return converted;
}

/** `/versions/:versionId` -> `/versions/{versionId}` */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, "{$1}");
}

function parameters(route: CatalogRoute): JsonSchema[] {
  const list: JsonSchema[] = [];
  const pathSchema =
    route.schema?.params === undefined ? undefined : jsonSchema(route.schema.params, "input");
  const pathProperties = (pathSchema?.properties ?? {}) as Record<string, JsonSchema>;
  for (const match of route.url.matchAll(/:([A-Za-z0-9_]+)/g)) {
    list.push({
      name: match[1],
      in: "path",
      required: true,
      schema: pathProperties[match[1]] ?? { type: "string" },
    });
  }
  if (route.schema?.querystring !== undefined) {
    const query = jsonSchema(route.schema.querystring, "input");
    const required = new Set((query.required ?? []) as string[]);
    for (const [name, schema] of Object.entries((query.properties ?? {}) as Record<string, JsonSchema>)) {
      list.push({ name, in: "query", required: required.has(name), schema });
    }
  }
  return list;
}

function requestBody(route: CatalogRoute): JsonSchema | undefined {
  if (route.schema?.consumes !== undefined) {
    const binary = { schema: { type: "string", format: "binary" } };
    return {
      required: true,
      content: Object.fromEntries(route.schema.consumes.map((type) => [type, binary])),
    };
  }
  if (route.schema?.body === undefined) return undefined;
  // A body is optional exactly when its schema accepts a request without one.
  const optional = (route.schema.body as z.ZodType).safeParse(undefined).success;
  return {
    required: !optional,
    content: { "application/json": { schema: jsonSchema(route.schema.body, "input") } },
  };
}

function responses(route: CatalogRoute): JsonSchema {
  const result: JsonSchema = {};
  const declared = (route.schema?.response ?? {}) as Record<string, unknown>;
  for (const [status, schema] of Object.entries(declared)) {
    result[status] =
      schema === NotModified
        ? { description: NotModified.description }
        : {
            description: "Success",
            content: { "application/json": { schema: jsonSchema(schema, "output") } },
          };
  }
  if (Object.keys(result).length === 0) {
    result[route.method === "DELETE" ? "204" : "200"] = { description: "Success" };
  }
  const error = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  result["4XX"] = { description: "The request was refused; the error says why", ...error };
  result["5XX"] = { description: "The service failed", ...error };
  return result;
}

function operationId(route: CatalogRoute): string {
  const words = route.url
    .replace(/^\/api\/v1\//, "")
    .split(/[/.-]/)
    .filter((w) => w !== "")
    .map((w) => (w.startsWith(":") ? `by_${w.slice(1)}` : w));
  return [route.method.toLowerCase(), ...words].join("_");
}

/** The OpenAPI 3.1 document of the service, built from the routes' zod schemas. */
export function openApiDocument(routes: readonly CatalogRoute[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const sorted = [...routes].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
  for (const route of sorted) {
    const operation: JsonSchema = {
      operationId: operationId(route),
      summary: route.schema?.summary ?? `${route.method} ${route.url}`,
      tags: route.schema?.tags ?? [],
      parameters: parameters(route),
      responses: responses(route),
      security: route.public ? [] : [{ bearerToken: [] }],
    };
    if (route.schema?.description !== undefined) operation.description = route.schema.description;
    if (route.requiredRole !== undefined) operation["x-required-role"] = route.requiredRole;
    const body = requestBody(route);
    if (body !== undefined) operation.requestBody = body;
    const path = openApiPath(route.url);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "ITFM for Excel cost-model service",
      version: packageJson.version,
      description:
        "The shared cost model: models, versions (draft and published), dimension members, facts, allocation " +
        "rules, results and unit rates. Every route but /healthz, this document included, needs a bearer token; " +
        "amounts are decimal strings.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorResponse, "output") },
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "An API token itfm_…" },
      },
    },
  };
}
