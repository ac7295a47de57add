import { setImmediate } from "node:timers/promises";

/** Waits for `condition` to hold, asking again each turn of the event loop; gives up after a minute. */
export async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await setImmediate();
  }
}
