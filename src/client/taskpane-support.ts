import { TOKEN_KEY } from "./client";
import { officeStorage } from "./office";
import type { KeyValueStore } from "./store";

/**
 * The token the client saved at the last sign-in, so that the task pane can call the service's
 * account and catalog routes after a restart; undefined when signed out or outside Office.
 */
export async function readSavedToken(
  store: KeyValueStore | undefined = officeStorage(),
): Promise<string | undefined> {
  const token = await store?.getItem(TOKEN_KEY).catch(() => null);
  return token === null || token === undefined || token.trim() === "" ? undefined : token;
}
