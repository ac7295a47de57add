import { DEFAULT_DATA_DIR } from "./db";

export interface ServerConfig {
  port: number;
  /** Address to listen on: localhost by default; 0.0.0.0 to serve other machines (behind a load balancer). */
  host: string;
  /** Folder of the embedded database (PGlite); unused for the database when `databaseUrl` is set. */
  dataDir: string;
  databaseUrl?: string;
  /** Plain http instead of https, for tests and behind a proxy that terminates TLS. */
  http: boolean;
  /** Requests per minute per token. */
  rateLimitPerMinute: number;
  /** Largest request body in bytes for imports, restores and bulk writes. */
  bodyLimit: number;
  /** Largest body of any other JSON request. */
  jsonBodyLimit: number;
  /** Folder of the built add-in files served at /. */
  staticDir: string;
  /** How long a verified token is trusted without a database look-up. */
  tokenCacheSeconds: number;
  logLevel: string;
  /** Load the demo model into an empty database on start. */
  seedDemo: boolean;
}

const MB = 1024 * 1024;

export const CONFIG_DEFAULTS: ServerConfig = {
  port: 3000,
  host: "localhost",
  dataDir: DEFAULT_DATA_DIR,
  http: false,
  rateLimitPerMinute: 1200,
  bodyLimit: 50 * MB,
  jsonBodyLimit: 4 * MB,
  staticDir: "dist",
  tokenCacheSeconds: 5,
  logLevel: "info",
  seedDemo: true,
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name]?.trim();
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; it is "${text}"`);
  }
  return value;
}

function text(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? fallback : value;
}

/** The service's settings from the environment (see the README's configuration table). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const bodyLimit = integer(env, "ITFM_BODY_LIMIT", CONFIG_DEFAULTS.bodyLimit, 1024, 2 ** 31 - 1);
  const databaseUrl = env.DATABASE_URL?.trim();
  return {
    port: integer(env, "PORT", CONFIG_DEFAULTS.port, 0, 65535),
    host: text(env, "ITFM_HOST", CONFIG_DEFAULTS.host),
    dataDir: text(env, "ITFM_DATA_DIR", CONFIG_DEFAULTS.dataDir),
    databaseUrl: databaseUrl === undefined || databaseUrl === "" ? undefined : databaseUrl,
    http: env.ITFM_HTTP === "1" || env.ITFM_HTTP === "true",
    rateLimitPerMinute: integer(env, "ITFM_RATE_LIMIT", CONFIG_DEFAULTS.rateLimitPerMinute, 1, 1_000_000_000),
    bodyLimit,
    jsonBodyLimit: Math.min(bodyLimit, CONFIG_DEFAULTS.jsonBodyLimit),
    staticDir: text(env, "ITFM_STATIC_DIR", CONFIG_DEFAULTS.staticDir),
    tokenCacheSeconds: integer(env, "ITFM_TOKEN_CACHE_SECONDS", CONFIG_DEFAULTS.tokenCacheSeconds, 0, 3600),
    logLevel: text(env, "ITFM_LOG_LEVEL", CONFIG_DEFAULTS.logLevel),
    seedDemo: env.ITFM_DEMO !== "0" && env.ITFM_DEMO !== "false",
  };
}
