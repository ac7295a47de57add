import {
  errorResult,
  noPermission,
  notConnected,
  refusedResult,
  SIGN_IN,
  unreadable,
  type ErrorResult,
} from "./messages";
import type { Call, FailedOutcome } from "./transport";

/**
 * What a failed request means, in the words a cell shows. Unreachable: each cell shows its last
 * known value, or says it is not connected.
 */
export type Failure = { kind: "unreachable"; reason: string } | { kind: "failed"; result: ErrorResult };

export function failureOf(outcome: FailedOutcome): Failure {
  switch (outcome.kind) {
    case "unreachable":
      return { kind: "unreachable", reason: outcome.reason };
    case "malformed":
      return { kind: "failed", result: unreadable(outcome.reason) };
    case "refused":
      if (outcome.status === 401) return { kind: "failed", result: errorResult("NA", SIGN_IN) };
      if (outcome.status === 403) return { kind: "failed", result: noPermission(outcome.message) };
      return { kind: "failed", result: refusedResult(outcome.status, outcome.message) };
  }
}

/** "unreachable": no answer, a sign-in stays valid; "refused": the service or the add-in said no. */
export type ServiceErrorKind = "unreachable" | "refused" | "unreadable";

/**
 * A failed get/post of the task pane. `message` is what a cell would say about the same failure
 * (a controller's words); `details` holds the technical part: the request and the HTTP status.
 */
export class ServiceError extends Error {
  constructor(
    readonly kind: ServiceErrorKind,
    message: string,
    readonly details?: string,
    /** The HTTP status of a refusal by the service. */
    readonly status?: number,
    /** The service's code of a refusal, e.g. "busy_importing". */
    readonly code?: string,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

export function serviceError(outcome: FailedOutcome, call: Call): ServiceError {
  const request = `${call.method} ${call.serviceUrl}/api/v1${call.path}`;
  const failure = failureOf(outcome);
  if (failure.kind === "unreachable") {
    return new ServiceError("unreachable", notConnected(failure.reason).error.message, request);
  }
  const { message } = failure.result.error;
  if (outcome.kind !== "refused") return new ServiceError("unreadable", message, request);
  const status = `HTTP ${outcome.status}${outcome.code === "" ? "" : ` ${outcome.code}`}`;
  // The cell's words name the service's own message, except for a refused token: then it is detail.
  const said = message.includes(outcome.message) ? "" : `: ${outcome.message}`;
  const code = outcome.code === "" ? undefined : outcome.code;
  return new ServiceError("refused", message, `${request}: ${status}${said}`, outcome.status, code);
}
