import fastifyRateLimit from "@fastify/rate-limit";
import underPressure from "@fastify/under-pressure";
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from "fastify";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { type TokenVerifier, authenticate } from "./auth";
import type { ServerConfig } from "./config";
import { HttpError } from "./errors";

/** Tokens whose request counters are kept; only verified tokens get one, so guessing cannot evict them. */
const TOKEN_COUNTERS = 100_000;

const inSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/**
 * Sheds load instead of queueing it without bound: while the event loop lags or memory runs high,
 * requests are answered 503 with Retry-After (the add-in backs off and tries again). The health and
 * readiness checks opt out in their route config. Returns whether the service is under pressure now.
 */
export async function registerLoadShedding(
  app: FastifyInstance,
  config: ServerConfig,
): Promise<() => boolean> {
  await app.register(underPressure, {
    maxEventLoopDelay: config.maxEventLoopDelayMs,
    maxRssBytes: config.maxRssBytes,
    retryAfter: config.retryAfterSeconds,
    sampleInterval: 250,
  });
  return () => app.isUnderPressure();
}

/**
 * The checks every request under /api/v1 passes, in order:
 * 1. a source (client address) whose recent requests failed to authenticate too often is refused 429
 *    before its token is even looked up, so guessing tokens costs the database nothing;
 * 2. the token is verified (401 otherwise, which counts against the source);
 * 3. each verified token has its own limit per minute (429); random tokens never reach these counters.
 */
export async function registerRequestChecks(
  api: FastifyInstance,
  config: ServerConfig,
  verifier: TokenVerifier,
): Promise<void> {
  const failures = new RateLimiterMemory({ points: config.authFailuresPerMinute, duration: 60 });
  const sourceOf = (request: FastifyRequest): string => request.ip;
  const checkSource: onRequestAsyncHookHandler = async (request, reply) => {
    const record = await failures.get(sourceOf(request));
    if (record !== null && record.consumedPoints >= config.authFailuresPerMinute) {
      const wait = inSeconds(record.msBeforeNext);
      reply.header("Retry-After", String(wait));
      throw new HttpError(
        429,
        "rate_limited",
        `Too many requests from this address with a missing or invalid token; try again in ${wait} s`,
      );
    }
  };
  const verify = authenticate(verifier);
  const authenticateCounting: onRequestAsyncHookHandler = async function (request, reply) {
    try {
      await verify.call(this, request, reply);
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) {
        await failures.penalty(sourceOf(request)).catch(() => undefined);
      }
      throw error;
    }
  };
  await api.register(fastifyRateLimit, {
    global: false,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    cache: TOKEN_COUNTERS,
    keyGenerator: (request) => `token:${request.auth.tokenId}`,
    errorResponseBuilder: (_request, context) =>
      new HttpError(
        429,
        "rate_limited",
        `Too many requests with this token: the limit is ${context.max} a minute; try again in ${context.after}`,
      ),
  });
  api.addHook("onRequest", checkSource);
  api.addHook("onRequest", authenticateCounting);
  api.addHook("onRequest", api.rateLimit());
}
