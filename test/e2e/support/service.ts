import { DIST } from "../../support/functions-bundle";
import { startScript } from "../../support/processes";

export interface RunningService {
  url: string;
  /** The demo tenant's admin token, as the service prints it on its first start ("" on a later start). */
  token: string;
  stop(): Promise<void>;
}

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+) \(bound to/;
const DEMO_TOKEN = /^\s+(itfm_\S+)$/m;

/**
 * The service as `npm start` runs it, on loopback over PGlite in memory: it loads the demo model,
 * prints the admin token, and serves the built add-in (dist/) and the API on one origin.
 */
export async function startService(
  staticDir = DIST,
  /** A data folder and port kept across a stop and a new start: the same service comes back. */
  keep: { dataDir?: string; port?: number } = {},
): Promise<RunningService> {
  const service = startScript("src/server/main.ts", {
    PORT: String(keep.port ?? 0),
    ITFM_HOST: "127.0.0.1",
    ITFM_HTTP: "1",
    ITFM_DATA_DIR: keep.dataDir ?? "memory://",
    ITFM_STATIC_DIR: staticDir,
    ITFM_LOG_LEVEL: "warn",
    ITFM_MAX_EVENT_LOOP_DELAY_MS: "0",
  });
  try {
    const [, url] = await service.waitFor(LISTENING);
    const token = service.output().match(DEMO_TOKEN)?.[1] ?? (keep.dataDir === undefined ? undefined : "");
    if (token === undefined) throw new Error(`the service printed no demo token:\n${service.output()}`);
    return { url, token, stop: async () => void (await service.stop()) };
  } catch (error) {
    await service.stop("SIGKILL");
    throw error;
  }
}
