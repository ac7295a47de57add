import { QueryResponse, type QueryRequest } from "../contract/query";
import { backoffDelay, sleep, type RetryPolicy } from "./retry";

/** How one POST /api/v1/query ended, after retries. */
export type PostOutcome =
  | { kind: "answer"; response: QueryResponse }
  /** No answer at all: the network failed, or no answer came within the timeout. */
  | { kind: "unreachable"; reason: string }
  /** The service answered with an HTTP error; code and message come from its error body when it has one. */
  | { kind: "refused"; status: number; code: string; message: string }
  /** An answer that is not a valid QueryResponse for the queries sent. */
  | { kind: "malformed"; reason: string };

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

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

async function errorBody(response: Response): Promise<{ code: string; message: string }> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.message === "string") {
      return {
        code: typeof body.error.code === "string" ? body.error.code : "",
        message: body.error.message,
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
type Attempt = PostOutcome | { kind: "retry"; final: PostOutcome; waitMs?: number };

async function attempt(
  url: string,
  init: RequestInit,
  expected: number,
  options: TransportOptions,
): Promise<Attempt> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal.addEventListener("abort", abort);
  const timer = setTimeout(abort, options.timeoutMs);
  try {
    options.onRequestSent();
    const response = await options.fetch(url, { ...init, signal: controller.signal });
    if (!response.ok) {
      const refused: PostOutcome = {
        kind: "refused",
        status: response.status,
        ...(await errorBody(response)),
      };
      return isRetryable(response.status)
        ? { kind: "retry", final: refused, waitMs: retryAfterMs(response) }
        : refused;
    }
    const text = await response.text();
    return parseAnswer(text, expected);
  } catch {
    if (controller.signal.aborted) {
      const reason = options.signal.aborted
        ? "the add-in is closing"
        : `no answer within ${seconds(options.timeoutMs)}`;
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

function parseAnswer(text: string, expected: number): PostOutcome {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: "malformed", reason: "the answer is not complete JSON" };
  }
  const parsed = QueryResponse.safeParse(json);
  if (!parsed.success) return { kind: "malformed", reason: "the answer does not have the expected form" };
  const got = parsed.data.results.length;
  if (got !== expected)
    return { kind: "malformed", reason: `the answer holds ${got} results for ${expected} queries` };
  return { kind: "answer", response: parsed.data };
}

/**
 * Sends one batch and retries network failures and 5xx/429 answers with backoff. A timeout is
 * not retried: the cells have already waited as long as they should.
 */
export async function postQuery(
  serviceUrl: string,
  token: string,
  request: QueryRequest,
  options: TransportOptions,
): Promise<PostOutcome> {
  const init: RequestInit = {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(request),
  };
  const url = `${serviceUrl}/api/v1/query`;
  for (let retry = 0; ; retry++) {
    const outcome = await attempt(url, init, request.queries.length, options);
    if (outcome.kind !== "retry") return outcome;
    if (retry >= options.retry.retries || options.signal.aborted) return outcome.final;
    options.onRetry();
    const delay = backoffDelay(options.retry, retry);
    await sleep(Math.min(options.retry.maxDelayMs, Math.max(delay, outcome.waitMs ?? 0)), options.signal);
  }
}
