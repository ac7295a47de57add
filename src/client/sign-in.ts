import { z } from "zod";
import { insecureService, SIGN_IN, signInAt } from "./messages";
import type { KeyValueStore } from "./store";

/** Key of the saved sign-in in the store. */
export const TOKEN_KEY = "itfm.token";

/** A token and the service origin it was signed in for: it is sent there and nowhere else. */
export const SignIn = z.object({ origin: z.string().min(1), token: z.string().trim().min(1) });
export type SignIn = z.infer<typeof SignIn>;

/** A service address as requests are built on it: blanks and trailing slashes trimmed. */
export function serviceBase(serviceUrl: string): string {
  return serviceUrl.trim().replace(/\/+$/, "");
}

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** The origin of a service address, or why the add-in will not talk to it (plain http leaks the token). */
export function serviceOrigin(serviceUrl: string): { origin: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return { problem: `the cost-model service address is not valid: ${serviceUrl}` };
  }
  const secure = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOST.test(url.hostname));
  return secure ? { origin: url.origin } : { problem: insecureService(serviceUrl) };
}

/** The sign-in of `token` for the origin of `serviceUrl`; throws when the add-in will not send a token there. */
export function signInFor(token: string, serviceUrl: string): SignIn {
  const trimmed = token.trim();
  if (trimmed === "") throw new Error("the sign-in token is empty");
  const address = serviceOrigin(serviceUrl);
  if ("problem" in address) throw new Error(address.problem);
  return { origin: address.origin, token: trimmed };
}

/** The token a request to `serviceUrl` may carry, or why it goes unsent (`signedOut`: a sign-in there would help). */
export function authorizationFor(
  signIn: SignIn | undefined,
  serviceUrl: string,
): { token: string } | { refused: string; signedOut: boolean } {
  const address = serviceOrigin(serviceUrl);
  if ("problem" in address) return { refused: address.problem, signedOut: false };
  if (signIn === undefined) return { refused: SIGN_IN, signedOut: true };
  if (signIn.origin !== address.origin) return { refused: signInAt(address.origin), signedOut: true };
  return { token: signIn.token };
}

/** The saved sign-in; an older plain token, saved without its origin, counts as none. */
export async function readSignIn(store: KeyValueStore): Promise<SignIn | undefined> {
  const saved = await store.getItem(TOKEN_KEY).catch(() => null);
  if (saved === null) return undefined;
  try {
    const parsed = SignIn.safeParse(JSON.parse(saved));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function writeSignIn(store: KeyValueStore, signIn: SignIn): Promise<void> {
  return store.setItem(TOKEN_KEY, JSON.stringify(signIn));
}
