import type { FastifyInstance } from "fastify";
import { HttpError } from "./errors";

/** No document of the API nests deeper than a few levels; far deeper is an attack on the parser. */
export const MAX_JSON_DEPTH = 64;

/** How deep arrays and objects nest in JSON text (brackets inside strings do not count). */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/**
 * JSON bodies are parsed by fastify's own parser (which refuses prototype poisoning), after a check
 * that they do not nest deeper than MAX_JSON_DEPTH: a deep enough body would exhaust the stack of
 * whatever walks it next.
 */
export function useJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (jsonNestingDepth(body as string) > MAX_JSON_DEPTH) {
      done(
        new HttpError(
          400,
          "invalid_json",
          `The body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep; no request of this service needs that`,
        ),
        undefined,
      );
      return;
    }
    parse(request, body as string, done);
  });
}
