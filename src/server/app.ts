import type { ServerOptions as HttpServerOptions } from "node:http";
import type { Server as HttpsServer } from "node:https";
import Fastify, {
  type FastifyHttpsOptions,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyServerOptions,
  LogController,
} from "fastify";
import { registerLoadShedding, registerRequestChecks } from "./admission";
import { type AuthContext, TokenVerifier } from "./auth";
import type { ServerConfig } from "./config";
import type { Database } from "./db";
import { errorBody } from "./errors";
import { handleError, handleFrameworkError } from "./error-handler";
import { healthRoutes } from "./health";
import { discardAbandonedImports } from "./import";
import { useJsonBodies } from "./json-body";
import { RouteCatalog } from "./openapi";
import { registerStatic } from "./static-files";
import auditRoutes from "./routes/audit";
import backupRoutes from "./routes/backup";
import factRoutes from "./routes/facts";
import explainRoutes from "./routes/explain";
import importRoutes from "./routes/import";
import lineRoutes from "./routes/lines";
import meRoutes from "./routes/me";
import memberRoutes from "./routes/members";
import modelRoutes from "./routes/models";
import publishRoutes from "./routes/publish";
import queryRoutes from "./routes/query";
import ruleRoutes from "./routes/rules";
import scenarioRoutes from "./routes/scenarios";
import { documentRoutes } from "./routes/document";
import { useZodSchemas } from "./routes/schema";
import userRoutes from "./routes/users";
import versionRoutes from "./routes/versions";

declare module "fastify" {
  interface FastifyInstance {
    db: Database;
    config: ServerConfig;
    /** Verified tokens; `tokenVerifier.forget(id)` makes a revocation effective at once. */
    tokenVerifier: TokenVerifier;
  }
}

/** Every route group under /api/v1 that needs a token. */
export const API_ROUTE_PLUGINS: readonly FastifyPluginAsync[] = [
  meRoutes,
  modelRoutes,
  versionRoutes,
  memberRoutes,
  scenarioRoutes,
  factRoutes,
  lineRoutes,
  ruleRoutes,
  auditRoutes,
  userRoutes,
  backupRoutes,
  queryRoutes,
  explainRoutes,
  publishRoutes,
  importRoutes,
];

export const API_PREFIX = "/api/v1";

/** An import on PostgreSQL that has not moved for this long belongs to an instance that stopped. */
const ABANDONED_IMPORT_SECONDS = 600;

/** How often the server looks for requests that have taken longer than the request timeout. */
const CONNECTIONS_CHECK_MS = 1_000;

export interface BuildAppOptions {
  db: Database;
  config: ServerConfig;
  /** Key and certificate to serve https; plain http without. */
  https?: { key: Buffer | string; cert: Buffer | string };
}

async function registerApi(app: FastifyInstance, config: ServerConfig, catalog: RouteCatalog): Promise<void> {
  await app.register(
    async (api) => {
      await registerRequestChecks(api, config, app.tokenVerifier);
      for (const plugin of API_ROUTE_PLUGINS) await api.register(plugin);
      await api.register(documentRoutes(catalog));
    },
    { prefix: API_PREFIX },
  );
}

/** The service: health check, API document, the API under /api/v1 and the add-in's files. */
export async function buildApp({ db, config, https }: BuildAppOptions): Promise<FastifyInstance> {
  const nodeServerOptions: HttpServerOptions = {
    requestTimeout: config.requestTimeoutSeconds * 1000,
    connectionsCheckingInterval: CONNECTIONS_CHECK_MS,
  };
  const options: FastifyServerOptions & { http: HttpServerOptions } = {
    logger: config.logLevel === "silent" ? false : { level: config.logLevel },
    // Errors are logged; a line per request would cost more than some requests.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.jsonBodyLimit,
    // A client that sends its request slowly (a byte now and then) is cut off rather than kept forever.
    requestTimeout: config.requestTimeoutSeconds * 1000,
    connectionTimeout: config.requestTimeoutSeconds * 1000,
    // Node honours the request timeout only when its server is created with it, and looks for late
    // requests every 30 s unless told otherwise.
    http: nodeServerOptions,
    frameworkErrors: handleFrameworkError,
  };
  const app =
    https === undefined
      ? Fastify(options)
      : (Fastify({
          ...options,
          https: { ...https, ...nodeServerOptions },
        } as FastifyHttpsOptions<HttpsServer>) as unknown as FastifyInstance);
  app.decorate("db", db);
  app.decorate("config", config);
  app.decorate("tokenVerifier", new TokenVerifier(db, config.tokenCacheSeconds * 1000));
  app.decorateRequest("auth", null as unknown as AuthContext);
  useZodSchemas(app);
  // JSON is the API's language; plain text is refused with 415 rather than read as a string.
  app.removeContentTypeParser("text/plain");
  useJsonBodies(app);
  // An answer sent before the request's body has arrived (a refusal) ends the connection: otherwise a
  // client could keep it open for ever by sending the rest of its body a byte at a time.
  app.addHook("onSend", async (request, reply) => {
    if (!request.raw.complete) reply.header("Connection", "close");
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send(errorBody("not_found", `There is nothing at ${request.method} ${request.url.split("?")[0]}`));
  });

  const catalog = new RouteCatalog();
  app.addHook("onRoute", catalog.record);

  const underPressure = await registerLoadShedding(app, config);
  await app.register(healthRoutes(db, underPressure, config.retryAfterSeconds));
  await registerApi(app, config, catalog);
  await registerStatic(app, config);
  await app.ready();
  // An embedded database has one process: any import it finds running was cut off by a stop.
  await discardAbandonedImports(db, db.kind === "pglite" ? 0 : ABANDONED_IMPORT_SECONDS);
  return app;
}
