import fs from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { DEV_BASE_URL, manifestBaseUrl, withBaseUrl } from "../../scripts/manifest-tools";
import type { ServerConfig } from "./config";
import { errorBody } from "./errors";

/** Addresses that mean this machine: the development certificate is for the name localhost. */
const THIS_MACHINE = new Set(["localhost", "127.0.0.1", "::1", "0.0.0.0", "::"]);

/**
 * The base URL the served manifest names: ADDIN_BASE_URL when the service is given one; else the URL
 * the manifest was built for, unless that is the development URL, which becomes this service's own
 * origin on the port the request came in on (always https: Office loads add-in pages only over https).
 */
export function servedBaseUrl(
  builtFor: string | undefined,
  config: Pick<ServerConfig, "publicUrl" | "host">,
  port: number,
): string | undefined {
  if (config.publicUrl !== undefined) return config.publicUrl;
  if (builtFor !== DEV_BASE_URL) return builtFor;
  const host = THIS_MACHINE.has(config.host)
    ? "localhost"
    : config.host.includes(":")
      ? `[${config.host}]`
      : config.host;
  return `https://${host}:${port}`;
}

/** GET /manifest.xml: the built manifest with every add-in URL on the origin it is served from. */
export function manifestRoute(root: string, config: ServerConfig) {
  const file = path.join(root, "manifest.xml");
  return async (app: FastifyInstance): Promise<void> => {
    app.get("/manifest.xml", async (request, reply) => {
      let xml: string;
      try {
        xml = await fs.readFile(file, "utf8");
      } catch {
        return reply.code(404).send(errorBody("not_found", "There is nothing at GET /manifest.xml"));
      }
      const builtFor = manifestBaseUrl(xml);
      const base = servedBaseUrl(builtFor, config, request.socket.localPort ?? config.port);
      const served = builtFor !== undefined && base !== undefined && base !== builtFor;
      return reply
        .type("application/xml; charset=utf-8")
        .header("cache-control", "no-cache")
        .send(served ? withBaseUrl(xml, base, builtFor) : xml);
    });
  };
}
