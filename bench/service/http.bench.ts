import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { DEMO_TOKEN_FILE } from "../../src/server/seed";
import { type BenchResult, round, runAlone } from "../types";
import { DEMO_MODEL, DEMO_VERSION } from "./demo-queries";
import { spawnService } from "./spawn-service";

const TARGET_RPS = 5000;
const TARGET_P99_MS = 20;
const DURATION_SECONDS = 10;
const CONNECTIONS = [2, 4, 8];

/** The service as `npm start` runs it (plain http on loopback, embedded database), its rate limit raised. */
function startService(dataDir: string) {
  return spawnService({ ITFM_DATA_DIR: dataDir, ITFM_RATE_LIMIT: "10000000" });
}

/**
 * Single-cell queries against the running service, as a workbook refreshing one cell at a time:
 * autocannon on loopback for 10 s at a few connection counts; the best throughput is reported with
 * its 99th-percentile latency.
 */
export async function run(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "itfm-http-bench-"));
  const { service, origin } = await startService(dataDir);
  try {
    const token = readFileSync(path.join(dataDir, DEMO_TOKEN_FILE), "utf8").trim();
    const request = {
      url: `${origin}/api/v1/query`,
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: DEMO_MODEL,
        version: DEMO_VERSION,
        queries: [{ kind: "cost", member: "Compute", period: "2026-03" }],
      }),
    };
    const check = await fetch(request.url, { method: "POST", headers: request.headers, body: request.body });
    const answer = (await check.json()) as { results?: { value?: string }[] };
    if (check.status !== 200 || answer.results?.[0]?.value === undefined) {
      throw new Error(`the query did not answer: ${check.status} ${JSON.stringify(answer)}`);
    }
    console.log(`  COST("Compute", "2026-03") = ${answer.results[0].value}`);
    await autocannon({ ...request, connections: 2, duration: 2 });
    const runs = [];
    for (const connections of CONNECTIONS) {
      const result = await autocannon({ ...request, connections, duration: DURATION_SECONDS });
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`${result.non2xx} answers were not 200 and ${result.errors} requests failed`);
      }
      runs.push({ connections, rps: result.requests.average, p99: result.latency.p99 });
      console.log(
        `  ${connections} connections: ${result.requests.average} requests/s, p99 ${result.latency.p99} ms`,
      );
    }
    const best = runs.reduce((a, b) => (b.rps > a.rps ? b : a));
    return [
      {
        name: `single-cell query over HTTP, best of ${CONNECTIONS.join("/")} connections (${best.connections})`,
        metric: "throughput",
        value: round(best.rps),
        unit: "requests/s",
        target: `>= ${TARGET_RPS} requests/s`,
        pass: best.rps >= TARGET_RPS,
      },
      {
        name: `single-cell query over HTTP, p99 latency at ${best.connections} connections`,
        metric: "p99 latency",
        value: best.p99,
        unit: "ms",
        target: `<= ${TARGET_P99_MS} ms`,
        pass: best.p99 <= TARGET_P99_MS,
      },
    ];
  } finally {
    await service.stop("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) runAlone(run);
