import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { ServerConfig } from "./config";
import { manifestRoute } from "./manifest";

/**
 * A file named by its content (webpack's [contenthash]), or its .map, .br or .gz: it can never
 * change, so it is kept for a year.
 */
const CONTENT_NAMED = /\.[0-9a-f]{12}\.js(\.map|\.br|\.gz)?$/;
const FOR_GOOD = "public, max-age=31536000, immutable";
/** Everything else (the html, functions.js that the manifest names, functions.json) is revalidated. */
const REVALIDATE = "no-cache";

/** The caching of one served file, and Vary since the same URL is sent as br, gzip or plain. */
export function setCaching(
  response: { setHeader(name: string, value: string): unknown },
  file: string,
): void {
  response.setHeader("cache-control", CONTENT_NAMED.test(file) ? FOR_GOOD : REVALIDATE);
  response.setHeader("vary", "accept-encoding");
}

/**
 * The built add-in: taskpane.html, its scripts, functions.json, help and assets. The build writes a
 * .br and a .gz beside each text file (webpack.config.js), sent as they are to a browser that accepts
 * them; the manifest is served rewritten for the origin it is asked from.
 */
export async function registerStatic(app: FastifyInstance, config: ServerConfig): Promise<void> {
  const root = path.resolve(config.staticDir);
  if (!fs.existsSync(root)) {
    app.log.warn(`The add-in files are not built (${root} does not exist): run npm run build`);
    return;
  }
  // Loaded only when there are files to serve: a service without them never needs the module.
  const { default: fastifyStatic } = await import("@fastify/static");
  await app.register(fastifyStatic, {
    root,
    prefix: "/",
    // A list: with preCompressed, @fastify/static looks an index up only in a list of names.
    index: ["taskpane.html"],
    preCompressed: true,
    cacheControl: false,
    setHeaders: setCaching,
  });
  await app.register(manifestRoute(root, config));
}
