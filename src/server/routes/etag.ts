import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpError } from "../errors";
import type { VersionRow } from "../store/versions";

/** ETags, conditional requests and caching of the API's answers: the one place that reads those headers. */

/**
 * Kept for a year and never revalidated: for answers that can never change. Private, because every
 * answer is about one tenant: a shared cache that ignored Vary would hand it to another.
 */
const IMMUTABLE = "private, max-age=31536000, immutable";

export function etagOf(version: Pick<VersionRow, "id" | "revision">): string {
  return `"${version.id}.${version.revision}"`;
}

/** Whether an If-Match or If-None-Match header names this ETag (or is "*"); weak tags count as strong. */
function headerNames(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === etag || tag === "*");
}

/** 412 when the request carries If-Match and it does not name the version's current revision. */
export function checkIfMatch(request: FastifyRequest, version: VersionRow): void {
  const header = request.headers["if-match"];
  if (header === undefined || headerNames(header, etagOf(version))) return;
  throw new HttpError(
    412,
    "precondition_failed",
    `The version "${version.label}" has changed since you read it (it is now at revision ${version.revision}); ` +
      "load it again and repeat your change",
    { currentEtag: etagOf(version), revision: version.revision },
  );
}

/**
 * The 304 answer of a route that sends its answers with sendVersioned or sendImmutable: listed among the
 * route's responses, it is documented as a status without content.
 */
export const NotModified = z.never().describe("Not modified: the copy named by If-None-Match is current");

/**
 * An answer with an ETag and how long the caller may keep it. Answers 304 when If-None-Match names the
 * ETag. Vary: a cache keeps one copy per token, so it never hands one tenant's answer to another.
 */
function sendCacheable<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  etag: string,
  cacheControl: string,
  body: T,
): T | undefined {
  reply.header("ETag", etag);
  reply.header("Cache-Control", cacheControl);
  reply.header("Vary", "Authorization");
  if (headerNames(request.headers["if-none-match"], etag)) {
    reply.code(304).send();
    return undefined;
  }
  return body;
}

/**
 * An answer about a version: its revision is the ETag; a published version's content is immutable and
 * may be kept by the caller for a year, a draft's must be revalidated.
 */
export function sendVersioned<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  version: VersionRow,
  body: T,
): T | undefined {
  const cacheControl = version.status === "published" ? IMMUTABLE : "private, no-cache";
  return sendCacheable(request, reply, etagOf(version), cacheControl, body);
}

/** An answer that can never change (drawn from published versions only), kept by the caller alone. */
export function sendImmutable<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  etag: string,
  body: T,
): T | undefined {
  return sendCacheable(request, reply, etag, IMMUTABLE, body);
}

/** An answer that may differ on the next request (it draws on a draft or on "latest"): never cached. */
export function sendChanging<T>(reply: FastifyReply, body: T): T {
  reply.header("Cache-Control", "private, no-store");
  return body;
}

/** An answer that must not be kept by any cache (it holds a secret). */
export function noStore(reply: FastifyReply): void {
  reply.header("Cache-Control", "no-store");
}

/** The headers of an answer to a change of a version: its new revision as ETag, and no caching. */
export function markChanged(reply: FastifyReply, versionId: string, revision: number): void {
  reply.header("ETag", etagOf({ id: versionId, revision }));
  noStore(reply);
}

/** The answer to a write: the new revision as body and ETag. */
export function sendWritten(
  reply: FastifyReply,
  version: Pick<VersionRow, "id">,
  revision: number,
  count: number,
): { revision: number; count: number } {
  markChanged(reply, version.id, revision);
  return { revision, count };
}
