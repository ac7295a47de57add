import type { z } from "zod";
import { QueryResponse, type QueryRequest } from "../contract/query";
import { seconds } from "./deadline";
import { backoffDelay, sleep, type RetryPolicy } from "./retry";

/** How one request ended, after retries. */
export type Outcome<T> =
  | { kind: "answer"; value: T }
  /** No answer at all: the network failed, or no answer came within the timeout. */
  | { kind: "unreachable"; reason: string }
  /**
   * The service answered with an HTTP error; code, message and details come from its error body when
   * it has one.
   */
  | { kind: "refused"; status: number; code: string; message: string; details?: unknown; headers?: Headers }
  /** An answer that is not of the expected form. */
  | { kind: "malformed"; reason: string };

export type FailedOutcome = Exclude<Outcome<never>, { kind: "answer" }>;

/** Checks a successful answer's JSON: the typed value, or why it cannot be used. */
export type AnswerReader<T> = (json: unknown) => { value: T } | { malformed: string };

/** One request to the service: `path` is below /api/v1 of `serviceUrl` (no trailing slash). */
export interface Call {
  method: "GET" | "POST";
  serviceUrl: string;
  path: string;
  token: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, with its Content-Type (a file to import), instead of a JSON body. */
  content?: { bytes: BodyInit; type: string };
  /** Overrides the transport's timeout per attempt (a long import). */
  timeoutMs?: number;
  /** Overrides the transport's retries: 0 for a request that must not be sent twice. */
  retries?: number;
  /** Stops this request (the user cancelled it). */
  signal?: AbortSignal;
}

export interface TransportOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Aborts every request in progress (the client is closing). */
  signal: AbortSignal;
  onRequestSent(): void;
  onRetry(): void;
}

/** Worth trying again: the service may be restarting, overloaded or behind a failing proxy. */
function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

async function errorBody(response: Response): Promise<{ code: string; message: string; details?: unknown }> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    if (typeof body.error?.message === "string") {
      return {
        code: typeof body.error.code === "string" ? body.error.code : "",
        message: body.error.message,
        ...(body.error.details === undefined ? {} : { details: body.error.details }),
      };
    }
  } catch {
    // not JSON: an intermediary's error page
  }
  return { code: "", message: response.statusText || `HTTP ${response.status}` };
}

function retryAfterMs(response: Response): number | undefined {
  const value = Number(response.headers.get("retry-after"));
  return Number.isFinite(value) && value > 0 ? value * 1000 : undefined;
}

/** A failure worth another attempt, and what it ends in when no attempt is left. */
type Attempt<T> = Outcome<T> | { kind: "retry"; final: FailedOutcome; waitMs?: number };

async function attempt<T>(
  url: string,
  init: RequestInit,
  read: AnswerReader<T>,
  options: TransportOptions,
  timeoutMs: number,
): Promise<Attempt<T>> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal.addEventListener("abort", abort);
  const timer = setTimeout(abort, timeoutMs);
  try {
    options.onRequestSent();
    const response = await options.fetch(url, { ...init, signal: controller.signal });
    if (!response.ok) {
      const refused: FailedOutcome = {
        kind: "refused",
        status: response.status,
        ...(await errorBody(response)),
        headers: response.headers,
      };
      return isRetryable(response.status)
        ? { kind: "retry", final: refused, waitMs: retryAfterMs(response) }
        : refused;
    }
    return parseAnswer(await response.text(), read);
  } catch {
    if (controller.signal.aborted) {
      const reason = options.signal.aborted
        ? "the add-in is closing"
        : `no answer within ${seconds(timeoutMs)}`;
      return { kind: "unreachable", reason };
    }
    return {
      kind: "retry",
      final: { kind: "unreachable", reason: `${new URL(url).host} cannot be reached` },
    };
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener("abort", abort);
  }
}

function parseAnswer<T>(text: string, read: AnswerReader<T>): Outcome<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: "malformed", reason: "the answer is not complete JSON" };
  }
  const checked = read(json);
  return "malformed" in checked
    ? { kind: "malformed", reason: checked.malformed }
    : { kind: "answer", value: checked.value };
}

const UNEXPECTED_FORM = "the answer does not have the expected form";

/** Reads an answer with a zod schema of the contract. */
export function schemaReader<T>(schema: z.ZodType<T>): AnswerReader<T> {
  return (json) => {
    const parsed = schema.safeParse(json);
    return parsed.success ? { value: parsed.data } : { malformed: UNEXPECTED_FORM };
  };
}

/** Reads a batch query's answer: one result per query sent, so no cell gets another cell's value. */
function queryReader(expected: number): AnswerReader<QueryResponse> {
  const read = schemaReader(QueryResponse);
  return (json) => {
    const checked = read(json);
    if ("malformed" in checked) return checked;
    const got = checked.value.results.length;
    return got === expected
      ? checked
      : { malformed: `the answer holds ${got} results for ${expected} queries` };
  };
}

/** Aborts when either aborts (AbortSignal.any is missing from older Office runtimes). */
function eitherSignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  const both = new AbortController();
  const abort = () => both.abort();
  if (a.aborted || b.aborted) abort();
  a.addEventListener("abort", abort, { once: true });
  b.addEventListener("abort", abort, { once: true });
  return both.signal;
}

/**
 * Sends one request and retries network failures and 5xx/429 answers with backoff. A timeout is
 * not retried: the caller has already waited as long as it should.
 */
export async function send<T>(
  call: Call,
  read: AnswerReader<T>,
  options: TransportOptions,
): Promise<Outcome<T>> {
  const headers: Record<string, string> = {
    accept: "application/json",
    authorization: `Bearer ${call.token}`,
  };
  let body: BodyInit | undefined;
  if (call.content !== undefined) {
    headers["content-type"] = call.content.type;
    body = call.content.bytes;
  } else if (call.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(call.body);
  }
  const init: RequestInit = { method: call.method, headers, body };
  const url = `${call.serviceUrl}/api/v1${call.path}`;
  const timeoutMs = call.timeoutMs ?? options.timeoutMs;
  const retries = call.retries ?? options.retry.retries;
  if (call.signal !== undefined) options = { ...options, signal: eitherSignal(options.signal, call.signal) };
  for (let retry = 0; ; retry++) {
    const outcome = await attempt(url, init, read, options, timeoutMs);
    if (outcome.kind !== "retry") return outcome;
    if (retry >= retries || options.signal.aborted) return outcome.final;
    options.onRetry();
    const delay = backoffDelay(options.retry, retry);
    await sleep(Math.min(options.retry.maxDelayMs, Math.max(delay, outcome.waitMs ?? 0)), options.signal);
  }
}

/** One batch of cell queries: POST /api/v1/query. */
export function queryCall(
  serviceUrl: string,
  token: string,
  request: QueryRequest,
): [Call, AnswerReader<QueryResponse>] {
  return [
    { method: "POST", serviceUrl, path: "/query", token, body: request },
    queryReader(request.queries.length),
  ];
}
