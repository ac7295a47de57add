import { buildDemoModel } from "../../src/server/demo";
import { type BenchResult, round, runAlone } from "../types";
import { demoQueries } from "./demo-queries";
import { type LoadService, type StorageKind, p99, startLoadService, timed } from "./load-service";

const ROWS = 1_200_000;
const CLIENTS = 50;
const CELLS_PER_CLIENT = 10_000;
const CELLS_PER_REQUEST = 5_000;
const SATURATION_SECONDS = 60;
/** Cells per second under the same saturation before the service shed load (the measurement). */
const BEFORE_CELLS_PER_SECOND = 40_500;
const MB = 1024 * 1024;

const TARGETS = { neighbourP99: 250, healthP99: 100, rssGrowth: 300 * MB, rejection: 1 * MB, batchP99: 5000 };

/** A cost-line file for the demo's draft: valid rows, or rows that are all wrong. */
function costLineFile(valid: boolean): string {
  const pools = ["Internal Labor", "Hardware Expense", "Cloud Services", "Consulting"];
  const lines = ["pool,period,scenario,amount"];
  for (let i = 0; i < ROWS; i++) {
    const month = valid ? `2027-${String(1 + (i % 12)).padStart(2, "0")}` : "2027-13";
    lines.push(`${pools[i % 4]},${month},Budget,${(i % 997) + 0.25}`);
  }
  return lines.join("\n");
}

interface Observed {
  neighbour: number[];
  /** The neighbour's cells not answered 200, by status. */
  refused: string[];
  health: number[];
  peakRss: number;
}

/** While `work` runs: the neighbour tenant's single cells (2 at a time), /healthz, and the service's memory. */
async function observe(service: LoadService, work: Promise<unknown>): Promise<Observed> {
  const observed: Observed = { neighbour: [], refused: [], health: [], peakRss: service.rss() };
  let done = false;
  void work.finally(() => (done = true));
  const { neighbour } = service;
  const cell = JSON.stringify({
    model: neighbour.model,
    version: neighbour.version,
    queries: [{ kind: "cost", member: "Compute", period: "2026-03" }],
  });
  const ask = async () => {
    while (!done) {
      const answer = await timed(`${service.origin}/api/v1/query`, {
        method: "POST",
        headers: { authorization: `Bearer ${neighbour.token}`, "content-type": "application/json" },
        body: cell,
      });
      if (answer.status === 200) observed.neighbour.push(answer.ms);
      else observed.refused.push(`${answer.status} ${answer.text.slice(0, 80)}`);
    }
  };
  const health = async () => {
    while (!done) {
      const answer = await timed(`${service.origin}/healthz`, {});
      observed.health.push(answer.ms);
      observed.peakRss = Math.max(observed.peakRss, service.rss());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await Promise.all([ask(), ask(), health(), work]);
  return observed;
}

function importFile(service: LoadService, body: string) {
  return timed(`${service.origin}/api/v1/versions/${service.loader.draftId}/import?kind=cost_lines`, {
    method: "POST",
    headers: { authorization: `Bearer ${service.loader.token}`, "content-type": "text/csv" },
    body,
  });
}

function figures(label: string, observed: Observed, rssBefore: number): BenchResult[] {
  const neighbour = p99(observed.neighbour);
  const health = p99(observed.health);
  const growth = observed.peakRss - rssBefore;
  return [
    {
      name: `${label}: another tenant's single-cell queries not answered`,
      metric: "errors",
      value: observed.refused.length,
      unit: "requests",
      target: "0",
      pass: observed.refused.length === 0,
    },
    {
      name: `${label}: another tenant's single-cell queries, p99 (${observed.neighbour.length} asked)`,
      metric: "p99 latency",
      value: round(neighbour),
      unit: "ms",
      target: `<= ${TARGETS.neighbourP99} ms`,
      pass: neighbour <= TARGETS.neighbourP99,
    },
    {
      name: `${label}: /healthz p99 (${observed.health.length} checks)`,
      metric: "p99 latency",
      value: round(health),
      unit: "ms",
      target: `<= ${TARGETS.healthP99} ms`,
      pass: health <= TARGETS.healthP99,
    },
    {
      name: `${label}: resident memory growth of the service`,
      metric: "memory",
      value: round(growth / MB),
      unit: "MB",
      target: `<= ${TARGETS.rssGrowth / MB} MB`,
      pass: growth <= TARGETS.rssGrowth,
    },
  ];
}

async function importScenarios(kind: StorageKind): Promise<BenchResult[]> {
  const service = await startLoadService(kind);
  try {
    const results: BenchResult[] = [];
    const valid = costLineFile(true);
    let rssBefore = service.rss();
    let outcome = undefined as Awaited<ReturnType<typeof importFile>> | undefined;
    const validRun = await observe(
      service,
      importFile(service, valid).then((answer) => (outcome = answer)),
    );
    if (outcome?.status !== 200)
      throw new Error(`the valid import answered ${outcome?.status}: ${outcome?.text}`);
    console.log(
      `  ${kind}: ${ROWS.toLocaleString("en-US")} valid rows (${round(valid.length / MB)} MB) imported in ${round(outcome.ms / 1000)} s`,
    );
    results.push(
      ...figures(`${kind}, during a valid ${round(valid.length / MB)} MB import`, validRun, rssBefore),
    );
    if (kind === "pglite") {
      const bad = costLineFile(false);
      rssBefore = service.rss();
      const badRun = await observe(
        service,
        importFile(service, bad).then((answer) => (outcome = answer)),
      );
      if ((outcome.status as number) !== 422) throw new Error(`the bad import answered ${outcome.status}`);
      console.log(
        `  ${kind}: ${round(bad.length / MB)} MB of bad rows refused in ${round(outcome.ms / 1000)} s`,
      );
      results.push(
        ...figures(`${kind}, during a ${round(bad.length / MB)} MB import of bad rows`, badRun, rssBefore),
      );
      const size = Buffer.byteLength(outcome.text);
      results.push({
        name: `the answer refusing ${ROWS.toLocaleString("en-US")} bad rows`,
        metric: "size",
        value: round(size / 1024),
        unit: "KB",
        target: `<= ${TARGETS.rejection / MB} MB`,
        pass: size <= TARGETS.rejection,
      });
    }
    return results;
  } finally {
    await service.stop();
  }
}

/** 50 clients each refreshing 10,000 cells (two requests of 5,000) over and over for 60 s. */
async function saturation(): Promise<BenchResult[]> {
  const service = await startLoadService("pglite");
  try {
    const [published] = await buildDemoModel();
    const queries = demoQueries(published, CELLS_PER_CLIENT);
    const bodies = [0, CELLS_PER_REQUEST].map((from) =>
      JSON.stringify({
        model: service.neighbour.model,
        version: service.neighbour.version,
        queries: queries.slice(from, from + CELLS_PER_REQUEST),
      }),
    );
    const accepted: number[] = [];
    const refusals = { shed: 0, withoutRetryAfter: 0, other: [] as string[] };
    let cells = 0;
    const end = Date.now() + SATURATION_SECONDS * 1000;
    const client = async () => {
      while (Date.now() < end) {
        for (const body of bodies) {
          for (;;) {
            const start = performance.now();
            const response = await fetch(`${service.origin}/api/v1/query`, {
              method: "POST",
              headers: {
                authorization: `Bearer ${service.neighbour.token}`,
                "content-type": "application/json",
              },
              body,
            });
            await response.arrayBuffer();
            if (response.status === 200) {
              accepted.push(performance.now() - start);
              cells += CELLS_PER_REQUEST;
              break;
            }
            const retryAfter = Number(response.headers.get("retry-after"));
            if ((response.status === 503 || response.status === 429) && retryAfter > 0) {
              refusals.shed++;
              await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 * (0.5 + Math.random())));
            } else {
              if (response.status === 503 || response.status === 429) refusals.withoutRetryAfter++;
              else refusals.other.push(String(response.status));
              break;
            }
            if (Date.now() >= end) return;
          }
        }
      }
    };
    const health: number[] = [];
    const watch = async () => {
      while (Date.now() < end) {
        health.push((await timed(`${service.origin}/healthz`, {})).ms);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await Promise.all([...Array.from({ length: CLIENTS }, client), watch()]);
    const perSecond = cells / SATURATION_SECONDS;
    const errors = refusals.other.length + refusals.withoutRetryAfter;
    console.log(`  ${accepted.length} batches answered, ${refusals.shed} refused with Retry-After`);
    return [
      {
        name: `${CLIENTS} clients × ${CELLS_PER_CLIENT.toLocaleString("en-US")} cells for ${SATURATION_SECONDS} s: answers other than 200 or 503/429 with Retry-After`,
        metric: "errors",
        value: errors,
        unit: "requests",
        target: "0",
        pass: errors === 0,
      },
      {
        name: "the same: /healthz p99",
        metric: "p99 latency",
        value: round(p99(health)),
        unit: "ms",
        target: `<= ${TARGETS.healthP99} ms`,
        pass: p99(health) <= TARGETS.healthP99,
      },
      {
        name: `the same: p99 of accepted ${CELLS_PER_REQUEST.toLocaleString("en-US")}-cell requests`,
        metric: "p99 latency",
        value: round(p99(accepted)),
        unit: "ms",
        target: `<= ${TARGETS.batchP99} ms`,
        pass: p99(accepted) <= TARGETS.batchP99,
      },
      {
        name: "the same: cells answered per second",
        metric: "throughput",
        value: round(perSecond),
        unit: "cells/s",
        peer: `before load shedding (${BEFORE_CELLS_PER_SECOND.toLocaleString("en-US")} cells/s)`,
        ratio: round(perSecond / BEFORE_CELLS_PER_SECOND),
      },
    ];
  } finally {
    await service.stop();
  }
}

/**
 * The service under load and abuse: a 1.2M-row import (PGlite and PostgreSQL) and a file of 1.2M bad
 * rows while another tenant asks for cells, then 50 clients refreshing 10,000 cells each for a minute.
 */
export async function run(): Promise<BenchResult[]> {
  return [
    ...(await importScenarios("pglite")),
    ...(await importScenarios("postgres")),
    ...(await saturation()),
  ];
}

// Run alone, one part may be named: `tsx bench/service/load.bench.ts saturation` (or pglite, postgres).
const PARTS: Record<string, () => Promise<BenchResult[]>> = {
  pglite: () => importScenarios("pglite"),
  postgres: () => importScenarios("postgres"),
  saturation,
};
if (require.main === module) runAlone(PARTS[process.argv[2] ?? ""] ?? run);
