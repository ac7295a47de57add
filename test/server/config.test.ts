import { CONFIG_DEFAULTS, ConfigError, loadConfig } from "../../src/server/config";

describe("configuration from the environment", () => {
  test("defaults: https on localhost:3000, PGlite in ./.data/pglite, the demo seeded", () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: "localhost",
      dataDir: "./.data/pglite",
      databaseUrl: undefined,
      http: false,
      rateLimitPerMinute: 1200,
      bodyLimit: 50 * 1024 * 1024,
      jsonBodyLimit: 4 * 1024 * 1024,
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
    });
    expect(loadConfig({})).toEqual(CONFIG_DEFAULTS);
  });

  test("every setting can be given", () => {
    const config = loadConfig({
      PORT: "8443",
      ITFM_HOST: "0.0.0.0",
      ITFM_DATA_DIR: "/var/lib/itfm",
      DATABASE_URL: "postgres://itfm@db.internal:5432/itfm",
      ITFM_HTTP: "1",
      ITFM_RATE_LIMIT: "6000",
      ITFM_BODY_LIMIT: "1048576",
      ITFM_STATIC_DIR: "/srv/itfm/dist",
      ADDIN_BASE_URL: "https://Itfm.Example.com/finance/",
      ITFM_TOKEN_CACHE_SECONDS: "0",
      ITFM_LOG_LEVEL: "warn",
      ITFM_DEMO: "0",
      ITFM_AUTH_FAILURE_LIMIT: "30",
      ITFM_REQUEST_TIMEOUT_SECONDS: "45",
      ITFM_MAX_EVENT_LOOP_DELAY_MS: "250",
      ITFM_MAX_RSS_MB: "2048",
      ITFM_RETRY_AFTER_SECONDS: "5",
      ITFM_MAX_IMPORTS: "4",
      ITFM_QUERY_COST_LIMIT: "500000",
      ITFM_MAX_BATCHES: "8",
    });
    expect(config).toEqual({
      port: 8443,
      host: "0.0.0.0",
      dataDir: "/var/lib/itfm",
      databaseUrl: "postgres://itfm@db.internal:5432/itfm",
      http: true,
      rateLimitPerMinute: 6000,
      bodyLimit: 1048576,
      jsonBodyLimit: 1048576,
      staticDir: "/srv/itfm/dist",
      publicUrl: "https://itfm.example.com/finance",
      tokenCacheSeconds: 0,
      logLevel: "warn",
      seedDemo: false,
      authFailuresPerMinute: 30,
      requestTimeoutSeconds: 45,
      maxEventLoopDelayMs: 250,
      maxRssBytes: 2048 * 1024 * 1024,
      retryAfterSeconds: 5,
      maxConcurrentImports: 4,
      queryCostLimit: 500_000,
      maxConcurrentBatches: 8,
    });
  });

  test("blank values mean the default", () => {
    expect(loadConfig({ PORT: " ", DATABASE_URL: "", ITFM_HOST: "" })).toEqual(CONFIG_DEFAULTS);
  });

  test("a value that is not a number in range is refused by name", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(
      new ConfigError('PORT must be a whole number from 0 to 65535; it is "http"'),
    );
    expect(() => loadConfig({ ITFM_RATE_LIMIT: "0" })).toThrow(
      "ITFM_RATE_LIMIT must be a whole number from 1 to",
    );
    expect(() => loadConfig({ ITFM_BODY_LIMIT: "1.5" })).toThrow("ITFM_BODY_LIMIT must be a whole number");
  });

  test("ADDIN_BASE_URL must be an https URL without query or credentials", () => {
    expect(() => loadConfig({ ADDIN_BASE_URL: "http://itfm.example.com" })).toThrow(
      new ConfigError(
        'ADDIN_BASE_URL: base URL "http://itfm.example.com" must use https: Office loads add-in pages only over https',
      ),
    );
    expect(() => loadConfig({ ADDIN_BASE_URL: "https://itfm.example.com/?a=1" })).toThrow(/query/);
  });
});
