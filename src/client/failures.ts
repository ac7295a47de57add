import { errorResult, noPermission, refusedResult, SIGN_IN, unreadable, type ErrorResult } from "./messages";
import type { FailedOutcome } from "./transport";

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
