import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { QueryRequest, QueryResponse } from "../../contract/query";
import { HttpError } from "../errors";
import { answerQueries } from "../query";
import { WorkGate } from "../work-gate";
import { NotModified, sendChanging, sendImmutable } from "./etag";
import { routeGroup } from "./group";

/** The service's own address as the caller reached it: the answer to MODEL("server"). */
function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** A batch this small is cheap: it never waits behind the large ones. */
const SMALL_BATCH = 100;

export default async function queryRoutes(app: FastifyInstance): Promise<void> {
  const { api, options } = routeGroup(app, ["query"]);
  const { maxConcurrentBatches, retryAfterSeconds, queryCostLimit } = app.config;
  const largeBatches = new WorkGate(
    maxConcurrentBatches,
    maxConcurrentBatches * 4,
    () =>
      new HttpError(
        503,
        "overloaded",
        "The service is answering as many large batches of cells as it can; try again in a moment",
        undefined,
        { "Retry-After": String(retryAfterSeconds) },
      ),
  );
  api.post(
    "/query",
    options("viewer", {
      summary: "Answer a batch of cell queries (viewer)",
      description:
        "One result per query, in order: a value (a decimal string, or a list for members) or an error " +
        "{code, message} with code NA, VALUE, NUM, REF or DIV0 (the Excel error it becomes). Each query is " +
        "checked on its own, so one bad query never fails the others. An answer drawn only from published " +
        "versions named by label or id can never change: it carries an ETag and may be cached for good " +
        "(If-None-Match -> 304). Drafts are allocated on demand from their current data.",
      body: QueryRequest,
      response: { 200: QueryResponse, 304: NotModified },
    }),
    async (request, reply) => {
      const server = originOf(request);
      const leave = request.body.queries.length > SMALL_BATCH ? await largeBatches.enter() : () => undefined;
      let answer: Awaited<ReturnType<typeof answerQueries>>;
      try {
        answer = await answerQueries(app.db, request.auth.tenantId, request.body, {
          server,
          costLimit: queryCostLimit,
        });
      } finally {
        leave();
      }
      const body: QueryResponse = { results: answer.results, immutable: answer.immutable };
      if (!answer.immutable) return sendChanging(reply, body);
      const etag = `"${createHash("sha256")
        .update(JSON.stringify({ request: request.body, versions: answer.versionIds, server }))
        .digest("base64url")}"`;
      return sendImmutable(request, reply, etag, body);
    },
  );
}
