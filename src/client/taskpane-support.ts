import { officeStorage } from "./office";
import { authorizationFor, readSignIn, serviceOrigin } from "./sign-in";
import type { KeyValueStore } from "./store";

export { serviceOrigin };

/**
 * The token the client saved at the last sign-in, so that the task pane can call the service's
 * account and catalog routes after a restart; undefined when signed out, outside Office, or when
 * the sign-in was for another service than `serviceUrl`.
 */
export async function readSavedToken(
  serviceUrl: string,
  store: KeyValueStore | undefined = officeStorage(),
): Promise<string | undefined> {
  if (store === undefined) return undefined;
  const authorization = authorizationFor(await readSignIn(store), serviceUrl);
  return "token" in authorization ? authorization.token : undefined;
}
