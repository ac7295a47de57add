import { useCallback, useEffect, useState } from "react";
import type { CostModelClient } from "../../client";
import { readSavedToken, serviceOrigin } from "../../client/taskpane-support";
import { fetchAccount, ServiceError, type Account } from "../service/api";

export interface Session {
  /** The service the pane talks to. */
  serviceUrl: string;
  /** Set while signed in. */
  token: string | undefined;
  account: Account | undefined;
  phase: "starting" | "signed-out" | "signing-in" | "signed-in";
  /** Why the last sign-in failed, or why the account could not be read. */
  problem: string | undefined;
  /** False when the service did not answer the last call. */
  reachable: boolean;
  signIn(serviceUrl: string, token: string): Promise<void>;
  signOut(): Promise<void>;
  /** Reads the account again (after the service came back). */
  recheck(): Promise<void>;
}

function normalizeUrl(url: string): string {
  return url.trim().replace(/\/+$/, "");
}

/** Sign-in state of the pane: the client holds the token; the pane shows who it belongs to. */
export function useSession(client: CostModelClient, initialServiceUrl: string | undefined): Session {
  const [serviceUrl, setServiceUrl] = useState(initialServiceUrl ?? "");
  const [token, setToken] = useState<string>();
  const [account, setAccount] = useState<Account>();
  const [phase, setPhase] = useState<Session["phase"]>("starting");
  const [problem, setProblem] = useState<string>();
  const [reachable, setReachable] = useState(true);

  const loadAccount = useCallback(async (url: string, candidate: string): Promise<boolean> => {
    try {
      setAccount(await fetchAccount(url, candidate));
      setReachable(true);
      setProblem(undefined);
      return true;
    } catch (error) {
      const unreachable = error instanceof ServiceError && error.kind === "unreachable";
      setReachable(!unreachable);
      setProblem(error instanceof Error ? error.message : String(error));
      // Offline, the saved sign-in stays valid; a refused token does not.
      return unreachable;
    }
  }, []);

  useEffect(() => {
    if (initialServiceUrl === undefined) return;
    setServiceUrl(initialServiceUrl);
    let cancelled = false;
    void (async () => {
      await client.ready();
      // Only a sign-in for this very service: a workbook must not send the token elsewhere.
      const saved = await readSavedToken(initialServiceUrl);
      if (cancelled) return;
      if (saved === undefined) {
        setToken(undefined);
        setAccount(undefined);
        return setPhase("signed-out");
      }
      setToken(saved);
      setPhase("signed-in");
      const keep = await loadAccount(initialServiceUrl, saved);
      if (!keep && !cancelled) {
        await client.signOut();
        setToken(undefined);
        setPhase("signed-out");
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [client, initialServiceUrl, loadAccount]);

  const signIn = useCallback(
    async (url: string, candidate: string) => {
      const target = normalizeUrl(url);
      const trimmed = candidate.trim();
      setServiceUrl(target);
      if (trimmed === "") {
        setProblem("Paste the access token your administrator gave you.");
        return;
      }
      const address = serviceOrigin(target);
      if ("problem" in address) {
        setProblem(address.problem);
        return;
      }
      setPhase("signing-in");
      try {
        const signedIn = await fetchAccount(target, trimmed);
        await client.setToken(trimmed, target);
        setAccount(signedIn);
        setToken(trimmed);
        setReachable(true);
        setProblem(undefined);
        setPhase("signed-in");
      } catch (error) {
        setReachable(!(error instanceof ServiceError && error.kind === "unreachable"));
        setProblem(error instanceof Error ? error.message : String(error));
        setPhase("signed-out");
      }
    },
    [client],
  );

  const signOut = useCallback(async () => {
    await client.signOut();
    setToken(undefined);
    setAccount(undefined);
    setProblem(undefined);
    setPhase("signed-out");
  }, [client]);

  const recheck = useCallback(async () => {
    if (token !== undefined) await loadAccount(serviceUrl, token);
  }, [loadAccount, serviceUrl, token]);

  return { serviceUrl, token, account, phase, problem, reachable, signIn, signOut, recheck };
}
