/** One measured figure; `peer` and `ratio` compare it with the named peer measured in the same run. */
export interface BenchResult {
  name: string;
  metric: string;
  value: number;
  unit: string;
  target?: string;
  peer?: string;
  ratio?: number;
  /** Whether the figure meets its target (when it has one). */
  pass?: boolean;
}

/** Median wall time in milliseconds of `runs` calls (after one warm-up call). */
export function medianMs(runs: number, body: () => unknown): number {
  body();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    body();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function round(value: number, digits = 3): number {
  return Number(value.toPrecision(digits));
}
