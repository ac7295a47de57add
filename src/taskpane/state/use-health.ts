import { useCallback, useEffect, useRef, useState } from "react";
import type { CostModelClient } from "../../client";
import { HealthWatch, type HealthSchedule } from "./health-watch";
import type { Session } from "./use-session";

export interface Health {
  /** A check is under way (Try again shows it). */
  checking: boolean;
  /** Checks at once. */
  tryAgain(): void;
}

function useVisible(): boolean {
  const [visible, setVisible] = useState(() => typeof document === "undefined" || !document.hidden);
  useEffect(() => {
    const follow = () => setVisible(!document.hidden);
    document.addEventListener("visibilitychange", follow);
    return () => document.removeEventListener("visibilitychange", follow);
  }, []);
  return visible;
}

/**
 * The background check of the service while signed in and the pane is shown: the header turns
 * Offline soon after the service stops and Online soon after it is back, without the user doing
 * anything. Hidden or signed out, nothing is asked.
 */
export function useHealth(
  client: CostModelClient,
  session: Session,
  offline: boolean,
  schedule?: HealthSchedule,
): Health {
  const [checking, setChecking] = useState(false);
  const visible = useVisible();
  const latest = useRef(session);
  latest.current = session;
  const watch = useRef<HealthWatch | undefined>(undefined);
  if (watch.current === undefined) {
    watch.current = new HealthWatch({
      schedule,
      check: async () => {
        const { serviceUrl, reachable, recheck } = latest.current;
        const answered = await client.checkConnection({ serviceUrl });
        // The pane's own view of the service follows (the account is read again).
        if (answered && !reachable) await recheck();
        return answered;
      },
      onChange: () => setChecking(watch.current?.busy ?? false),
    });
  }

  const active = visible && session.phase === "signed-in";
  useEffect(() => {
    const current = watch.current!;
    if (!active) return;
    current.start(offline);
    return () => current.stop();
  }, [active, offline]);

  const tryAgain = useCallback(() => void watch.current?.checkNow(), []);
  return { checking, tryAgain };
}
