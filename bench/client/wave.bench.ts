import { performance } from "node:perf_hooks";
import { createCostModelClient } from "../../src/client";
import { QueryResponse, type CellQuery, type QueryResult } from "../../src/contract/query";
import { Decimal } from "../../src/engine/decimal";
import { SeedFigures } from "../../test/client/support/seed-figures";
import {
  DEMO_MODEL,
  PUBLISHED_VERSION,
  startDemoService,
  type DemoService,
} from "../../test/client/support/service";
import { waveCells, type WaveCell } from "../../test/client/support/wave";
import { round, type BenchResult, runAlone } from "../types";

const CELLS = 10_000;
const RUNS = 3;
/** A browser keeps at most six connections to one host. */
const NAIVE_CONNECTIONS = 6;
const PEER = "naive one-request-per-cell client";

interface WaveRun {
  ms: number;
  requests: number;
  wrong: number;
}

function countWrong(results: QueryResult[], cells: WaveCell[]): number {
  return results.filter(
    (r, i) => !("value" in r) || typeof r.value !== "string" || !new Decimal(r.value).eq(cells[i].expected),
  ).length;
}

async function measure(
  service: DemoService,
  cells: WaveCell[],
  wave: () => Promise<QueryResult[]>,
): Promise<WaveRun> {
  const before = service.requestsReceived();
  const started = performance.now();
  const results = await wave();
  const ms = performance.now() - started;
  return { ms, requests: service.requestsReceived() - before, wrong: countWrong(results, cells) };
}

/** Our client, as the add-in runs it: a fresh runtime (empty cache) bound to the latest published version. */
async function clientWave(
  service: DemoService,
  cells: WaveCell[],
): Promise<{ cold: WaveRun; cached: WaveRun }> {
  const client = createCostModelClient({ binding: { serviceUrl: service.url, model: DEMO_MODEL } });
  await client.setToken(service.token);
  const ask = () => Promise.all(cells.map((cell) => client.query(cell.query)));
  const cold = await measure(service, cells, ask);
  const cached = await measure(service, cells, ask);
  await client.close();
  return { cold, cached };
}

/** The peer: every cell its own POST /api/v1/query, six at a time. */
async function naiveWave(service: DemoService, cells: WaveCell[]): Promise<QueryResult[]> {
  const results: QueryResult[] = new Array(cells.length);
  let next = 0;
  const askOne = async (query: CellQuery): Promise<QueryResult> => {
    const response = await fetch(`${service.url}/api/v1/query`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${service.token}` },
      body: JSON.stringify({ model: DEMO_MODEL, queries: [query] }),
    });
    return QueryResponse.parse(await response.json()).results[0];
  };
  const connection = async () => {
    while (next < cells.length) {
      const i = next++;
      results[i] = await askOne(cells[i].query);
    }
  };
  await Promise.all(Array.from({ length: NAIVE_CONNECTIONS }, connection));
  return results;
}

function median(runs: WaveRun[]): WaveRun {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
}

export async function run(): Promise<BenchResult[]> {
  // The rate limit is lifted so the peer is measured at its best, not throttled.
  const service = await startDemoService({ rateLimitPerMinute: 100_000_000 });
  try {
    const cells = waveCells(await SeedFigures.load(service.db, PUBLISHED_VERSION), CELLS);
    const ours: { cold: WaveRun; cached: WaveRun }[] = [];
    for (let i = 0; i < RUNS; i++) ours.push(await clientWave(service, cells));
    const cold = median(ours.map((o) => o.cold));
    const cached = median(ours.map((o) => o.cached));
    const maxRequests = Math.max(...ours.map((o) => o.cold.requests));
    const naive = await measure(service, cells, () => naiveWave(service, cells));
    const wrong = ours.reduce((sum, o) => sum + o.cold.wrong + o.cached.wrong, 0);
    return [
      {
        name: `client: ${CELLS.toLocaleString("en")}-cell wave, HTTP requests (most of ${RUNS} runs)`,
        metric: "requests",
        value: maxRequests,
        unit: "requests",
        target: "≤ 3",
        pass: maxRequests <= 3,
      },
      {
        name: `client: ${CELLS.toLocaleString("en")}-cell wave, wall time (median of ${RUNS})`,
        metric: "time",
        value: round(cold.ms),
        unit: "ms",
        target: "≤ 1000 ms",
        pass: cold.ms <= 1000,
      },
      { name: `${PEER}: HTTP requests`, metric: "requests", value: naive.requests, unit: "requests" },
      { name: `${PEER}: wall time`, metric: "time", value: round(naive.ms), unit: "ms" },
      {
        name: "requests of the peer per request of the client",
        metric: "ratio",
        value: round(naive.requests / maxRequests),
        unit: "×",
        peer: PEER,
        ratio: round(naive.requests / maxRequests),
      },
      {
        name: "wall time of the peer / wall time of the client",
        metric: "ratio",
        value: round(naive.ms / cold.ms),
        unit: "×",
        peer: PEER,
        ratio: round(naive.ms / cold.ms),
      },
      {
        name: "client: the same wave again (published version, cached)",
        metric: "time",
        value: round(cached.ms),
        unit: "ms",
        target: "0 requests",
        pass: cached.requests === 0,
      },
      {
        name: "wrong values (client and peer, every run)",
        metric: "errors",
        value: wrong + naive.wrong,
        unit: "cells",
        target: "0",
        pass: wrong + naive.wrong === 0,
      },
    ];
  } finally {
    await service.close();
  }
}

if (require.main === module) runAlone(run);
