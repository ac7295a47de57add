import type { ServerConfig } from "../../../src/server/config";
import type { Database } from "../../../src/server/db";
import { seedDemo } from "../../../src/server/seed";
import { startTestServer, type TestServer } from "../../support/server";

/** The real cost-model service on loopback (PGlite in memory) holding the demo model, as `npm start` seeds it. */
export interface DemoService {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The demo admin's token. */
  token: string;
  db: Database;
  server: TestServer;
  /** HTTP requests the service has received so far, counted by its own HTTP server. */
  requestsReceived(): number;
  close(): Promise<void>;
}

export const DEMO_MODEL = "ITFM Demo";
export const PUBLISHED_VERSION = "FY2026-27 v1";
export const DRAFT_VERSION = "FY2026-27 v2 (draft)";

export async function startDemoService(config: Partial<ServerConfig> = {}): Promise<DemoService> {
  const server = await startTestServer({ db: "pglite", config });
  const token = await seedDemo(server.db);
  if (token === null) throw new Error("the new database was not empty");
  // The first query of a version loads it into the service's memory; tests measure the steady state.
  await server.call("POST", "/api/v1/query", {
    token,
    body: { model: DEMO_MODEL, version: PUBLISHED_VERSION, queries: [{ kind: "model", field: "name" }] },
  });
  let requests = 0;
  server.app.server.on("request", () => requests++);
  return {
    url: server.url,
    token,
    db: server.db,
    server,
    requestsReceived: () => requests,
    close: () => server.close(),
  };
}
