import { backoffDelay, DEFAULT_RETRY_POLICY, sleep } from "../../src/client/retry";

describe("retry backoff", () => {
  const policy = { retries: 5, minDelayMs: 100, maxDelayMs: 1000 };

  it("doubles the ceiling of each retry up to the maximum", () => {
    const ceilings = [0, 1, 2, 3, 4, 5].map((retry) => backoffDelay(policy, retry, () => 1));
    expect(ceilings).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it("spreads delays over the whole range below the ceiling (full jitter)", () => {
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(400);
    const seen = new Set(Array.from({ length: 200 }, () => backoffDelay(policy, 2)));
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...seen)).toBeLessThanOrEqual(400);
    expect(seen.size).toBeGreaterThan(50);
  });

  it("keeps the default worst case of all retries within a few seconds", () => {
    const worst = [0, 1, 2].map((retry) => backoffDelay(DEFAULT_RETRY_POLICY, retry, () => 1));
    expect(worst.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2000);
  });

  it("stops waiting as soon as the client closes", async () => {
    const closing = new AbortController();
    const started = Date.now();
    const waited = sleep(10_000, closing.signal);
    closing.abort();
    await waited;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
