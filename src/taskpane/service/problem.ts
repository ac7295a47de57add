import { ServiceError } from "../../client";

/** What went wrong, as the pane shows it: the message, and the technical part apart from it. */
export interface Problem {
  message: string;
  details?: string;
}

/** A failure of the client's requests (or anything else thrown) as a problem to show. */
export function problemOf(error: unknown): Problem {
  if (error instanceof ServiceError) return { message: error.message, details: error.details };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** Whether no answer came at all: then a sign-in stays valid and the pane offers to try again. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof ServiceError && error.kind === "unreachable";
}
