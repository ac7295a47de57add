import { normaliseBaseUrl } from "../../scripts/manifest-tools";
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
  /** Public https base URL the add-in is reached at (ADDIN_BASE_URL); the served manifest names it. */
  publicUrl?: string;
  /** How long a verified token is trusted without a database look-up. */
  tokenCacheSeconds: number;
  logLevel: string;
  /** Load the demo model into an empty database on start. */
  seedDemo: boolean;
  /** Failed authentications per minute from one address before it is refused without a look-up. */
  authFailuresPerMinute: number;
  /** Longest time to receive a whole request; a connection that sends more slowly is closed. */
  requestTimeoutSeconds: number;
  /** Event-loop lag beyond which new requests are refused 503 (load shedding). */
  maxEventLoopDelayMs: number;
  /** Resident memory beyond which new requests are refused 503; 0 = no limit. */
  maxRssBytes: number;
  /** What a refused (503) request is told to wait. */
  retryAfterSeconds: number;
  /** Import files read at the same time by one process; one more is refused 503. */
  maxConcurrentImports: number;
  /** Figures one query batch may read (months × members × consumers it covers); more is refused 413. */
  queryCostLimit: number;
  /** Large query batches answered at the same time by one process; more wait, up to a queue, then 503. */
  maxConcurrentBatches: number;
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
  authFailuresPerMinute: 60,
  requestTimeoutSeconds: 120,
  maxEventLoopDelayMs: 1000,
  maxRssBytes: 0,
  retryAfterSeconds: 2,
  maxConcurrentImports: 2,
  queryCostLimit: 2_000_000,
  maxConcurrentBatches: 4,
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

function baseUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  if (value === undefined || value === "") return undefined;
  try {
    return normaliseBaseUrl(value);
  } catch (error) {
    throw new ConfigError(`${name}: ${(error as Error).message}`);
  }
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
    publicUrl: baseUrl(env, "ADDIN_BASE_URL"),
    tokenCacheSeconds: integer(env, "ITFM_TOKEN_CACHE_SECONDS", CONFIG_DEFAULTS.tokenCacheSeconds, 0, 3600),
    logLevel: text(env, "ITFM_LOG_LEVEL", CONFIG_DEFAULTS.logLevel),
    seedDemo: env.ITFM_DEMO !== "0" && env.ITFM_DEMO !== "false",
    authFailuresPerMinute: integer(
      env,
      "ITFM_AUTH_FAILURE_LIMIT",
      CONFIG_DEFAULTS.authFailuresPerMinute,
      1,
      1_000_000_000,
    ),
    requestTimeoutSeconds: integer(
      env,
      "ITFM_REQUEST_TIMEOUT_SECONDS",
      CONFIG_DEFAULTS.requestTimeoutSeconds,
      1,
      3600,
    ),
    maxEventLoopDelayMs: integer(
      env,
      "ITFM_MAX_EVENT_LOOP_DELAY_MS",
      CONFIG_DEFAULTS.maxEventLoopDelayMs,
      0,
      60_000,
    ),
    maxRssBytes: integer(env, "ITFM_MAX_RSS_MB", CONFIG_DEFAULTS.maxRssBytes / MB, 0, 1_000_000) * MB,
    retryAfterSeconds: integer(env, "ITFM_RETRY_AFTER_SECONDS", CONFIG_DEFAULTS.retryAfterSeconds, 1, 3600),
    maxConcurrentImports: integer(env, "ITFM_MAX_IMPORTS", CONFIG_DEFAULTS.maxConcurrentImports, 1, 100),
    queryCostLimit: integer(
      env,
      "ITFM_QUERY_COST_LIMIT",
      CONFIG_DEFAULTS.queryCostLimit,
      1000,
      1_000_000_000,
    ),
    maxConcurrentBatches: integer(env, "ITFM_MAX_BATCHES", CONFIG_DEFAULTS.maxConcurrentBatches, 1, 1000),
  };
}
