/** Exponential backoff with full jitter: retries spread out instead of arriving together. */
export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  /** Upper bound of the first delay. */
  minDelayMs: number;
  /** Upper bound of any delay. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, minDelayMs: 200, maxDelayMs: 5000 };

/** Delay before retry number `retry` (0-based): uniformly random in [0, min(max, min·2^retry)]. */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** retry);
  return Math.round(random() * ceiling);
}

/** Waits, or stops waiting early when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}
