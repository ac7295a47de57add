import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { serviceBase, serviceOrigin, type ClientSession, type CostModelClient } from "../../client";
import type { Me } from "../../contract/api";
import { isUnreachable, problemOf, type Problem } from "../service/problem";

export interface Session {
  /** The service the pane talks to. */
  serviceUrl: string;
  /** Who is signed in to it, once the service has told. */
  account: Me | undefined;
  phase: "starting" | "signed-out" | "signing-in" | "signed-in";
  /** Why the last sign-in failed, or why the account could not be read. */
  problem: Problem | undefined;
  /** False when the service did not answer the last call. */
  reachable: boolean;
  /** Resolves true once signed in; false when refused, unanswered or cancelled (the problem says why). */
  signIn(serviceUrl: string, token: string): Promise<boolean>;
  /** Stops the sign-in under way. */
  cancelSignIn(): void;
  signOut(): Promise<void>;
  /** Reads the account again (after the service came back). */
  recheck(): Promise<void>;
}

/** The client's session, re-rendering on every sign-in, sign-out and account read. */
function useClientSession(client: CostModelClient): ClientSession {
  const subscribe = useCallback((onChange: () => void) => client.subscribeSession(onChange), [client]);
  return useSyncExternalStore(subscribe, () => client.getSession());
}

/** Longest a sign-in waits for the service before it says it did not answer. */
export const SIGN_IN_TIMEOUT_MS = 10_000;

/** Whether the client is signed in for the service at `serviceUrl`: the only one its token goes to. */
function signedInFor(session: ClientSession, serviceUrl: string): boolean {
  if (session.state !== "signed-in") return false;
  const address = serviceOrigin(serviceUrl);
  return "origin" in address && address.origin === session.origin;
}

/**
 * Sign-in state of the pane. The client holds the token and says who is signed in, for which
 * origin; the pane adds the address it works with and what went wrong last.
 */
export function useSession(client: CostModelClient, initialServiceUrl: string | undefined): Session {
  const session = useClientSession(client);
  const [serviceUrl, setServiceUrl] = useState(initialServiceUrl ?? "");
  /** The saved sign-in has been read and checked against the pane's service. */
  const [checked, setChecked] = useState(false);
  const [signingIn, setSigningIn] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [reachable, setReachable] = useState(true);
  const attempt = useRef<AbortController | undefined>(undefined);

  const loadAccount = useCallback(
    async (url: string): Promise<boolean> => {
      try {
        await client.loadAccount({ serviceUrl: url });
        setReachable(true);
        setProblem(undefined);
        return true;
      } catch (error) {
        const unreachable = isUnreachable(error);
        setReachable(!unreachable);
        setProblem(problemOf(error));
        // Offline, the saved sign-in stays valid; a refused token does not.
        return unreachable;
      }
    },
    [client],
  );

  useEffect(() => {
    if (initialServiceUrl === undefined) return;
    setServiceUrl(initialServiceUrl);
    let cancelled = false;
    void (async () => {
      await client.ready();
      if (cancelled) return;
      setChecked(true);
      // Only a sign-in for this very service: a workbook must not send the token elsewhere.
      if (!signedInFor(client.getSession(), initialServiceUrl)) return;
      const keep = await loadAccount(initialServiceUrl);
      if (!keep && !cancelled) await client.signOut();
    })();
    return () => {
      cancelled = true;
    };
  }, [client, initialServiceUrl, loadAccount]);

  const signIn = useCallback(
    async (url: string, candidate: string): Promise<boolean> => {
      const target = serviceBase(url);
      setServiceUrl(target);
      // A new attempt: the previous one's error no longer applies.
      setProblem(undefined);
      if (candidate.trim() === "") {
        setProblem({ message: "Paste the access token your administrator gave you." });
        return false;
      }
      attempt.current?.abort();
      const controller = new AbortController();
      attempt.current = controller;
      setSigningIn(true);
      try {
        await client.signIn(target, candidate, { signal: controller.signal, timeoutMs: SIGN_IN_TIMEOUT_MS });
        setReachable(true);
        return true;
      } catch (error) {
        if (!controller.signal.aborted) {
          setReachable(!isUnreachable(error));
          setProblem(problemOf(error));
        }
        return false;
      } finally {
        if (attempt.current === controller) {
          attempt.current = undefined;
          setSigningIn(false);
        }
      }
    },
    [client],
  );

  const cancelSignIn = useCallback(() => {
    attempt.current?.abort();
    attempt.current = undefined;
    setSigningIn(false);
  }, []);

  const signOut = useCallback(async () => {
    await client.signOut();
    setProblem(undefined);
  }, [client]);

  const recheck = useCallback(async () => {
    if (signedInFor(client.getSession(), serviceUrl)) await loadAccount(serviceUrl);
  }, [client, loadAccount, serviceUrl]);

  const here = signedInFor(session, serviceUrl);
  const phase: Session["phase"] =
    !checked || session.state === "starting"
      ? "starting"
      : signingIn
        ? "signing-in"
        : here
          ? "signed-in"
          : "signed-out";
  const account = here && session.state === "signed-in" ? session.account : undefined;
  return { serviceUrl, account, phase, problem, reachable, signIn, cancelSignIn, signOut, recheck };
}
