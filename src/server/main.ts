import type { AddressInfo } from "node:net";
import path from "node:path";
import { API_PREFIX, buildApp } from "./app";
import { type ServerConfig, loadConfig } from "./config";
import { MEMORY_DATA_DIR, openDatabase } from "./db";
import { devCertificate } from "./https";
import { DEMO_ADMIN_EMAIL, DEMO_TENANT, saveDemoToken, seedDemo } from "./seed";

/** Where the data is, without the password of a connection string. */
function describeStorage(config: ServerConfig): string {
  if (config.databaseUrl !== undefined) {
    try {
      const url = new URL(config.databaseUrl);
      return `PostgreSQL database ${url.pathname.replace(/^\//, "")} on ${url.hostname}:${url.port || "5432"} (DATABASE_URL)`;
    } catch {
      return "PostgreSQL (DATABASE_URL)";
    }
  }
  if (config.dataDir.startsWith(MEMORY_DATA_DIR))
    return "embedded PGlite database in memory (nothing is kept)";
  return `embedded PGlite database in ${path.resolve(config.dataDir)}`;
}

function announceDemoToken(config: ServerConfig, token: string): void {
  const lines = [
    `Loaded the demo model into the new tenant "${DEMO_TENANT}".`,
    `Admin token of ${DEMO_ADMIN_EMAIL} (shown this once; the database keeps only its hash):`,
    `  ${token}`,
  ];
  if (!config.dataDir.startsWith(MEMORY_DATA_DIR)) {
    lines.push(`It is also saved, readable only by you, in ${saveDemoToken(config.dataDir, token)}`);
  }
  console.log(lines.join("\n"));
}

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const token = config.seedDemo ? await seedDemo(db) : null;
    if (token !== null) announceDemoToken(config, token);
    const certificate = config.http ? undefined : await devCertificate();
    const app = await buildApp({ db, config, https: certificate });
    await app.listen({ port: config.port, host: config.host });

    const { port } = app.server.address() as AddressInfo;
    const origin = `${config.http ? "http" : "https"}://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
    const lines = [
      `ITFM cost-model service listening on ${origin} (bound to ${config.host}:${port})`,
      `  API ${origin}${API_PREFIX}, document ${origin}${API_PREFIX}/openapi.json, health ${origin}/healthz`,
      `  Add-in files from ${path.resolve(config.staticDir)}`,
      `  Data: ${describeStorage(config)}`,
    ];
    if (certificate !== undefined) {
      lines.push(`  Certificate ${certificate.certPath}; to trust it: npx office-addin-dev-certs install`);
    }
    console.log(lines.join("\n"));

    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) process.exit(1);
      stopping = true;
      console.log(`${signal}: stopping`);
      void app
        .close()
        .then(() => db.close())
        .then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(`Stopping failed: ${(error as Error).message}`);
            process.exit(1);
          },
        );
    };
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
  } catch (error) {
    await db.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(`The service could not start: ${(error as Error).message}`);
  process.exit(1);
});
