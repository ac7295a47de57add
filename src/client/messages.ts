import type { QueryErrorCode, QueryResult } from "../contract/query";

export type ErrorResult = Extract<QueryResult, { error: unknown }>;

/** The error answers the client itself gives a cell, in the words the cell shows. */
export function errorResult(code: QueryErrorCode, message: string): ErrorResult {
  return { error: { code, message } };
}

export const SIGN_IN = "sign in to the cost-model service";

/** The saved sign-in is for another service: its token is never sent to this one. */
export function signInAt(origin: string): string {
  return `${SIGN_IN} at ${origin}`;
}

export function insecureService(serviceUrl: string): string {
  return `the cost-model service must use https: ${serviceUrl}`;
}

/** A sign-in at an address that answers, but not as the cost-model service. */
export function notAServiceAt(serviceUrl: string): string {
  return `no cost-model service answers at ${serviceUrl}: check the service address, usually the address the add-in is served from, without a path (for example https://itfm.example.com)`;
}

export const TOKEN_NOT_ACCEPTED =
  "the service did not accept this access token: check that it was pasted whole, or ask your administrator for a new one";

export const NO_SERVICE = "no cost-model service address is set: connect in the ITFM task pane";

export function notConnected(reason: string): ErrorResult {
  return errorResult("NA", `not connected to the cost-model service (${reason})`);
}

export function notBound(): ErrorResult {
  return errorResult("NA", "this workbook is not bound to a cost model: choose one in the ITFM task pane");
}

export function noPermission(serviceMessage: string): ErrorResult {
  return errorResult("NA", `no permission on the cost-model service: ${serviceMessage}`);
}

export function refusedResult(status: number, serviceMessage: string): ErrorResult {
  if (status === 400 || status === 422) return errorResult("VALUE", serviceMessage);
  if (status >= 500)
    return errorResult("NA", `the cost-model service failed (HTTP ${status}): ${serviceMessage}`);
  return errorResult("NA", serviceMessage);
}

export function unreadable(reason: string): ErrorResult {
  return errorResult("NA", `the cost-model service sent an answer that cannot be used: ${reason}`);
}

/** The runtime's storage (saved sign-in, last known values) or the workbook's settings gave no answer in time. */
export function notAnswered(what: "storage" | "workbook", wait: string): string {
  const part = what === "storage" ? "the add-in's storage" : "the workbook's saved settings";
  return `${part} did not answer within ${wait}: recalculate to try again`;
}

export const CLOSED_REASON = "the cost-model connection was closed";
export const CLOSED = errorResult("NA", CLOSED_REASON);
