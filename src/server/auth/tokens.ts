import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "itfm_";

/** A new API token: 32 random bytes, base64url, with a prefix that makes a leaked token recognisable. */
export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** Only this hash of a token is stored. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
