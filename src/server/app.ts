import fs from "node:fs";
import path from "node:path";
import fastifyRateLimit from "@fastify/rate-limit";
import type { Server as HttpsServer } from "node:https";
import Fastify, {
  type FastifyHttpsOptions,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyServerOptions,
  LogController,
} from "fastify";
import { Health } from "../contract/api";
import { type AuthContext, TokenVerifier, authenticate, bearerToken, hashToken } from "./auth";
import type { ServerConfig } from "./config";
import type { Database } from "./db";
import { HttpError, errorBody } from "./errors";
import { handleError } from "./error-handler";
import { RouteCatalog } from "./openapi";
import auditRoutes from "./routes/audit";
import backupRoutes from "./routes/backup";
import factRoutes from "./routes/facts";
import importRoutes from "./routes/import";
import meRoutes from "./routes/me";
import memberRoutes from "./routes/members";
import modelRoutes from "./routes/models";
import publishRoutes from "./routes/publish";
import queryRoutes from "./routes/query";
import ruleRoutes from "./routes/rules";
import scenarioRoutes from "./routes/scenarios";
import { documentRoutes } from "./routes/document";
import { type ZodTypeProvider, useZodSchemas } from "./routes/schema";
import userRoutes from "./routes/users";
import versionRoutes from "./routes/versions";
import { pingDatabase } from "./store/database";

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
  ruleRoutes,
  auditRoutes,
  userRoutes,
  backupRoutes,
  queryRoutes,
  publishRoutes,
  importRoutes,
];

export const API_PREFIX = "/api/v1";

export interface BuildAppOptions {
  db: Database;
  config: ServerConfig;
  /** Key and certificate to serve https; plain http without. */
  https?: { key: Buffer | string; cert: Buffer | string };
}

/** The same token counts once however its header is spelt; a request without one counts by address. */
function rateLimitKey(request: { headers: { authorization?: string }; ip: string }): string {
  const token = bearerToken(request.headers.authorization);
  return token === null ? `ip:${request.ip}` : `token:${hashToken(token)}`;
}

async function registerApi(app: FastifyInstance, config: ServerConfig, catalog: RouteCatalog): Promise<void> {
  await app.register(
    async (api) => {
      await api.register(fastifyRateLimit, {
        global: false,
        max: config.rateLimitPerMinute,
        timeWindow: 60_000,
        keyGenerator: rateLimitKey,
        errorResponseBuilder: (_request, context) =>
          new HttpError(
            429,
            "rate_limited",
            `Too many requests with this token: the limit is ${context.max} a minute; try again in ${context.after}`,
          ),
      });
      // The limit is counted before the token is looked up, so a flood costs no database work.
      api.addHook("onRequest", api.rateLimit());
      api.addHook("onRequest", authenticate(app.tokenVerifier));
      for (const plugin of API_ROUTE_PLUGINS) await api.register(plugin);
      await api.register(documentRoutes(catalog));
    },
    { prefix: API_PREFIX },
  );
}

async function registerStatic(app: FastifyInstance, staticDir: string): Promise<void> {
  const root = path.resolve(staticDir);
  if (!fs.existsSync(root)) {
    app.log.warn(`The add-in files are not built (${root} does not exist): run npm run build`);
    return;
  }
  // Loaded only when there are files to serve: a service without them never needs the module.
  const { default: fastifyStatic } = await import("@fastify/static");
  // taskpane.html, functions.js, functions.json, manifest.xml and assets/ of the built add-in.
  await app.register(fastifyStatic, { root, prefix: "/", index: "taskpane.html" });
}

/** The service: health check, API document, the API under /api/v1 and the add-in's files. */
export async function buildApp({ db, config, https }: BuildAppOptions): Promise<FastifyInstance> {
  const options: FastifyServerOptions = {
    logger: config.logLevel === "silent" ? false : { level: config.logLevel },
    // Errors are logged; a line per request would cost more than some requests.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.jsonBodyLimit,
  };
  const app =
    https === undefined
      ? Fastify(options)
      : (Fastify({ ...options, https } as FastifyHttpsOptions<HttpsServer>) as unknown as FastifyInstance);
  app.decorate("db", db);
  app.decorate("config", config);
  app.decorate("tokenVerifier", new TokenVerifier(db, config.tokenCacheSeconds * 1000));
  app.decorateRequest("auth", null as unknown as AuthContext);
  useZodSchemas(app);
  // JSON is the API's language; plain text is refused with 415 rather than read as a string.
  app.removeContentTypeParser("text/plain");
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send(errorBody("not_found", `There is nothing at ${request.method} ${request.url.split("?")[0]}`));
  });

  const catalog = new RouteCatalog();
  app.addHook("onRoute", catalog.record);

  app.withTypeProvider<ZodTypeProvider>().get(
    "/healthz",
    {
      schema: {
        summary: "Health check: the service and its database answer",
        tags: ["service"],
        response: { 200: Health },
      },
      config: { public: true },
    },
    async () => {
      try {
        await pingDatabase(db);
      } catch {
        throw new HttpError(503, "unavailable", "The database does not answer");
      }
      return { status: "ok" as const, database: db.kind };
    },
  );

  await registerApi(app, config, catalog);
  await registerStatic(app, config.staticDir);
  await app.ready();
  return app;
}
