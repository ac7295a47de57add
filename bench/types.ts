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

/** One line per figure: value, ratio against the peer, and whether the target is met. */
export function describeResult(r: BenchResult): string {
  const ratio = r.ratio === undefined ? "" : `  ratio vs ${r.peer}: ${r.ratio}×`;
  const target = r.target ? `  target ${r.target}: ${r.pass ? "met" : "NOT met"}` : "";
  return `${r.name}: ${r.value} ${r.unit}${ratio}${target}`;
}

/** For a suite run on its own (`npx tsx bench/<suite>.bench.ts`): prints its figures, exits 1 on failure. */
export function runAlone(run: () => Promise<BenchResult[]>): void {
  run().then(
    (results) => results.forEach((r) => console.log(describeResult(r))),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
