import { availableParallelism } from "node:os";
import path from "node:path";
import Piscina from "piscina";
import type { ComputeOutcome } from "./compute";
import type { VersionInputs } from "./inputs";

/** Worker threads stop after this long without work, so an idle service holds none. */
const IDLE_MS = 10_000;

let pool: Piscina | undefined;

/**
 * The pool of worker threads that allocate versions: publishing and the answers about drafts take
 * a second of CPU or more on a large model, which on the main thread would stop every other request.
 * The workers load the TypeScript sources through tsx, as the service itself runs.
 */
function computePool(): Piscina {
  pool ??= new Piscina({
    filename: path.join(__dirname, "worker.ts"),
    execArgv: ["--import", "tsx"],
    minThreads: 0,
    maxThreads: Math.max(1, availableParallelism() - 1),
    idleTimeout: IDLE_MS,
  });
  return pool;
}

/**
 * Allocates a version's inputs off the main thread. The outcome comes back as one JSON text: copying a
 * string between threads and parsing it takes half the time of a structured clone of its 300,000
 * result objects (all strings and numbers, so JSON keeps them as they are).
 */
export async function allocateOffThread(inputs: VersionInputs): Promise<ComputeOutcome> {
  return JSON.parse((await computePool().run(inputs)) as string) as ComputeOutcome;
}

/** Stops the worker threads (when the service stops). */
export async function closeComputePool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.destroy();
}
