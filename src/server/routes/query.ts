import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyRequest, preParsingAsyncHookHandler } from "fastify";
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

/** A body this small (about 150 cells) is a cheap batch: it never waits behind the large ones. */
const SMALL_BATCH_BYTES = 16 * 1024;

export default async function queryRoutes(app: FastifyInstance): Promise<void> {
  const { api, options } = routeGroup(app, ["query"]);
  const { maxConcurrentBatches, retryAfterSeconds, queryCostLimit } = app.config;
  const largeBatches = new WorkGate(
    maxConcurrentBatches,
    maxConcurrentBatches,
    () =>
      new HttpError(
        503,
        "overloaded",
        "The service is answering as many large batches of cells as it can; try again in a moment",
        undefined,
        { "Retry-After": String(retryAfterSeconds) },
      ),
  );
  // Admitted before its body is read, so that a batch waiting or refused costs no parsing meanwhile. A
  // body of unknown length counts as large. The turn ends when the answer is sent or the client leaves.
  const admitLargeBatch: preParsingAsyncHookHandler = async (request, reply, payload) => {
    const length = Number(request.headers["content-length"]);
    if (Number.isFinite(length) && length <= SMALL_BATCH_BYTES) return payload;
    const leave = await largeBatches.enter();
    if (reply.raw.closed || request.raw.destroyed) leave();
    else reply.raw.once("close", leave);
    return payload;
  };
  api.post(
    "/query",
    options(
      "viewer",
      {
        summary: "Answer a batch of cell queries (viewer)",
        description:
          "One result per query, in order: a value (a decimal string, or a list for members) or an error " +
          "{code, message} with code NA, VALUE, NUM, REF or DIV0 (the Excel error it becomes). Each query is " +
          "checked on its own, so one bad query never fails the others. An answer drawn only from published " +
          "versions named by label or id can never change: it carries an ETag and may be cached for good " +
          "(If-None-Match -> 304). Drafts are allocated on demand from their current data.",
        body: QueryRequest,
        response: { 200: QueryResponse, 304: NotModified },
      },
      { preParsing: admitLargeBatch },
    ),
    async (request, reply) => {
      const server = originOf(request);
      const answer = await answerQueries(app.db, request.auth.tenantId, request.body, {
        server,
        costLimit: queryCostLimit,
      });
      const body: QueryResponse = { results: answer.results, immutable: answer.immutable };
      if (!answer.immutable) return sendChanging(reply, body);
      const etag = `"${createHash("sha256")
        .update(JSON.stringify({ request: request.body, versions: answer.versionIds, server }))
        .digest("base64url")}"`;
      return sendImmutable(request, reply, etag, body);
    },
  );
}
