import type { FastifyInstance } from "fastify";
import { Health } from "../contract/api";
import { DataDirAccessError, type Database } from "./db";
import { HttpError } from "./errors";
import type { ZodTypeProvider } from "./routes/schema";

/** How long the readiness check waits for the database before it says the service is not ready. */
const READINESS_TIMEOUT_MS = 2_000;

async function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new HttpError(503, "unavailable", `${what} did not answer within ${READINESS_TIMEOUT_MS / 1000} s`),
        ),
      READINESS_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * /healthz: the process is alive and its event loop answers; it touches nothing else, so a long import
 * or a busy database never makes it slow. /readyz: the service can serve requests now: its storage
 * answers (a table is read, the data folder is usable) and it is not shedding load.
 */
export function healthRoutes(db: Database, underPressure: () => boolean, retryAfterSeconds: number) {
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    // Under pressure the service refuses API requests, but it is alive: a balancer must not restart it.
    const keepAnswering = { public: true, pressureHandler: () => undefined };
    api.get(
      "/healthz",
      {
        schema: {
          summary: "Liveness: the service process answers (it does not touch the database)",
          tags: ["service"],
          response: { 200: Health },
        },
        config: keepAnswering,
      },
      async () => ({ status: "ok" as const, database: db.kind }),
    );
    api.get(
      "/readyz",
      {
        schema: {
          summary: "Readiness: the database answers and the service is not overloaded (503 otherwise)",
          tags: ["service"],
          response: { 200: Health },
        },
        config: keepAnswering,
      },
      async (_request, reply) => {
        if (underPressure()) {
          reply.header("Retry-After", String(retryAfterSeconds));
          throw new HttpError(503, "overloaded", "The service is busy and refuses new requests for now");
        }
        try {
          await withTimeout(db.checkStorage(), "The database");
        } catch (error) {
          if (error instanceof HttpError) throw error;
          if (error instanceof DataDirAccessError) throw new HttpError(503, "unavailable", error.message);
          throw new HttpError(503, "unavailable", "The database does not answer");
        }
        return { status: "ok" as const, database: db.kind };
      },
    );
  };
}
