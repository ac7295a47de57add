import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import { ApiDocument } from "../../contract/api";
import { type RouteCatalog, openApiDocument } from "../openapi";
import { routeGroup } from "./group";

/** The API document, built on first request from every route the service registered. */
export function documentRoutes(catalog: RouteCatalog): FastifyPluginAsync {
  return async (app: FastifyInstance): Promise<void> => {
    const { options } = routeGroup(app, ["service"]);
    let document: unknown;
    // The document is built as plain JSON; its schema only describes its outline.
    app.get(
      "/openapi.json",
      options("viewer", { summary: "This API document (OpenAPI 3.1)", response: { 200: ApiDocument } }),
      async () => {
        document ??= openApiDocument(catalog.routes);
        return document;
      },
    );
  };
}
