import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/**
 * The service as `npm start` runs it, in a process of its own: plain http on loopback, a free port, its
 * log quiet, and `env` on top. Resolves once it listens, with its address.
 */
export async function spawnService(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/server/main.ts")], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ITFM_HTTP: "1",
      PORT: "0",
      ITFM_HOST: "127.0.0.1",
      ITFM_LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const origin = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on (http:\/\/\S+)/.exec(output);
      if (listening) resolve(listening[1].replace("localhost", "127.0.0.1"));
    });
    child.on("exit", (code) =>
      reject(new Error(`the service stopped (exit ${code}) before listening:\n${output}`)),
    );
  });
  return { child, origin };
}
