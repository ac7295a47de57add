import { useCallback, useEffect, useState } from "react";
import { problemOf, type Problem } from "../service/problem";

/** Loads a list when its inputs are set (`load` given); reports the failure in words; `retry` loads again. */
export function useList<T>(load: (() => Promise<T[]>) | undefined, deps: unknown[]) {
  const [items, setItems] = useState<T[]>();
  const [problem, setProblem] = useState<Problem>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setItems(undefined);
    setProblem(undefined);
    if (load === undefined) return;
    let cancelled = false;
    load().then(
      (loaded) => !cancelled && setItems(loaded),
      (error: unknown) => !cancelled && setProblem(problemOf(error)),
    );
    return () => {
      cancelled = true;
    };
    // `deps` name everything `load` reads.
  }, [...deps, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { items, problem, retry };
}
