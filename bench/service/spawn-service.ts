import { type RunningProcess, startScript } from "../../test/support/processes";

/**
 * The service as `npm start` runs it, in a process of its own: plain http on loopback, a free port, its
 * log quiet, and `env` on top. Resolves once it listens, with its address.
 */
export async function spawnService(
  env: Record<string, string>,
): Promise<{ service: RunningProcess; origin: string }> {
  const service = startScript("src/server/main.ts", {
    ITFM_HTTP: "1",
    PORT: "0",
    ITFM_HOST: "127.0.0.1",
    ITFM_LOG_LEVEL: "warn",
    ...env,
  });
  const [, origin] = await service.waitFor(/listening on (http:\/\/\S+)/);
  return { service, origin };
}
