import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import { ApiDocument } from "../../contract/api";
import { requireRole } from "../auth";
import { type RouteCatalog, openApiDocument } from "../openapi";

/** The API document, built on first request from every route the service registered. */
export function documentRoutes(catalog: RouteCatalog): FastifyPluginAsync {
  return async (app: FastifyInstance): Promise<void> => {
    let document: unknown;
    app.get(
      "/openapi.json",
      {
        schema: {
          summary: "This API document (OpenAPI 3.1)",
          tags: ["service"],
          response: { 200: ApiDocument },
        },
        onRequest: requireRole("viewer"),
      },
      async () => {
        document ??= openApiDocument(catalog.routes);
        return document;
      },
    );
  };
}
