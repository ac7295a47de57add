import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { CalcError } from "../engine/errors";
import { type ErrorBody, HttpError, errorBody } from "./errors";

interface ErrorAnswer {
  status: number;
  body: ErrorBody;
}

const PLACES: Record<string, string> = {
  body: "body",
  params: "address (path)",
  querystring: "query string",
  headers: "headers",
};

function sizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Math.round(mb * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

function validationAnswer(error: z.ZodError, context: string | undefined): ErrorAnswer {
  const where = context === undefined ? "request" : `request ${PLACES[context] ?? context}`;
  const details = error.issues.map((issue) => ({
    ...(context === undefined ? {} : { in: context }),
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
  const first = details[0];
  const place = first.path === "" ? "" : `${first.path}: `;
  const more = details.length > 1 ? ` (and ${details.length - 1} more problems)` : "";
  return {
    status: 400,
    body: errorBody("validation", `The ${where} is not valid: ${place}${first.message}${more}`, details),
  };
}

/** Fastify's own refusals (body too large, broken JSON...) in the service's words. */
function fastifyAnswer(error: FastifyError, request: FastifyRequest): ErrorAnswer {
  const status = error.statusCode ?? 400;
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return {
        status: 413,
        body: errorBody(
          "payload_too_large",
          `The request body is too large: the limit is ${sizeText(request.routeOptions.bodyLimit ?? 0)}`,
        ),
      };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return {
        status: 415,
        body: errorBody(
          "unsupported_media_type",
          `The body's Content-Type ${request.headers["content-type"] ?? "(none)"} is not accepted here; send application/json`,
        ),
      };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return {
        status: 400,
        body: errorBody("invalid_json", "The body is empty although its Content-Type is JSON"),
      };
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return { status: 400, body: errorBody("invalid_json", "The body is not valid JSON") };
  }
  if (error instanceof SyntaxError) {
    return { status: 400, body: errorBody("invalid_json", `The body is not valid JSON: ${error.message}`) };
  }
  const code = status === 403 ? "forbidden" : status === 404 ? "not_found" : "bad_request";
  return { status, body: errorBody(code, error.message) };
}

export function errorAnswer(error: unknown, request: FastifyRequest): ErrorAnswer {
  if (error instanceof HttpError) {
    return { status: error.status, body: errorBody(error.code, error.message, error.details) };
  }
  if (error instanceof z.ZodError) {
    return validationAnswer(error, (error as { validationContext?: string }).validationContext);
  }
  if (error instanceof CalcError) {
    return { status: 422, body: errorBody("calculation", error.message) };
  }
  const status = (error as FastifyError).statusCode;
  if ((error as FastifyError).code === "FST_UNDER_PRESSURE") {
    return {
      status: 503,
      body: errorBody(
        "overloaded",
        "The service is busy right now and took no action; try again in a few seconds",
      ),
    };
  }
  if (status !== undefined && status >= 400 && status < 500)
    return fastifyAnswer(error as FastifyError, request);
  if ((error as { code?: string }).code === "23505") {
    return { status: 409, body: errorBody("conflict", "Something with that name already exists") };
  }
  return {
    status: 500,
    body: errorBody(
      "internal",
      "The service could not answer this request; the cause is in the service's log",
    ),
  };
}

/** Every refusal and failure in one JSON shape: `{ "error": { "code", "message", "details"? } }`. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = errorAnswer(error, request);
  if (error instanceof HttpError)
    for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  if (status >= 500) request.log.error({ err: error }, "request failed");
  if (status === 401) {
    const invalid = body.error.code === "invalid_token" ? ', error="invalid_token"' : "";
    reply.header("WWW-Authenticate", `Bearer realm="itfm"${invalid}`);
  }
  reply.code(status).type("application/json; charset=utf-8").send(body);
}

/**
 * Refusals fastify makes before a route is found (a broken percent-escape in the address, say), in
 * the same JSON shape as every other answer.
 */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const answer =
    error.code === "FST_ERR_BAD_URL"
      ? {
          status: 400,
          body: errorBody(
            "bad_request",
            "The address is not valid: it has a % that does not start a valid escape such as %20",
          ),
        }
      : errorAnswer(error, request);
  reply.code(answer.status).type("application/json; charset=utf-8").send(answer.body);
}
