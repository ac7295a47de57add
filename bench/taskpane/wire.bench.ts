import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { launchChromium } from "../../test/e2e/support/browser";
import { OFFICE_JS_URL } from "../../test/e2e/support/pane";
import { spawnService } from "../service/spawn-service";
import { round, type BenchResult, runAlone } from "../types";
import { DIST, FAKE_HOST } from "./load.bench";

const KB = 1024;
const COLD_TARGET_RATIO = 0.4;
const WARM_TARGET_KB = 5;
const PEER = "uncompressed, max-age=0";

interface Load {
  bytes: number;
  /** Requests that went to the service (not answered from the browser's cache). */
  requests: number;
}

interface Wire {
  cold: Load;
  warm: Load;
}

/**
 * Bytes received from `origin` (bodies as sent plus headers, as Chromium counts them) to open the
 * pane in a fresh profile, then to open it again in the same one. office.js is the fake host, put
 * in by an init script and its request blocked: a routed request would turn Chromium's cache off.
 */
async function wireBytes(origin: string): Promise<Wire> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    await context.addInitScript(FAKE_HOST);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setBlockedURLs", { urls: [OFFICE_JS_URL] });
    const urls = new Map<string, string>();
    const cached = new Set<string>();
    let bytes = 0;
    let requests = 0;
    cdp.on("Network.requestWillBeSent", (event: { requestId: string; request: { url: string } }) =>
      urls.set(event.requestId, event.request.url),
    );
    cdp.on("Network.requestServedFromCache", (event: { requestId: string }) => cached.add(event.requestId));
    cdp.on("Network.loadingFinished", (event: { requestId: string; encodedDataLength: number }) => {
      if (!urls.get(event.requestId)?.startsWith(origin)) return;
      bytes += event.encodedDataLength;
      if (!cached.has(event.requestId)) requests++;
    });
    const open = async (): Promise<Load> => {
      bytes = 0;
      requests = 0;
      await page.goto(`${origin}/taskpane.html`, { waitUntil: "load" });
      await page.waitForFunction("globalThis.fakeHost.stats().associated.length > 0");
      await page.waitForLoadState("networkidle");
      return { bytes, requests };
    };
    const cold = await open();
    const warm = await open();
    return { cold, warm };
  } finally {
    await browser.close();
  }
}

/** dist/ as the service served it before: @fastify/static's defaults, uncompressed, max-age=0. */
async function servedAsBefore(): Promise<{ app: FastifyInstance; origin: string }> {
  const app = Fastify();
  const { default: fastifyStatic } = await import("@fastify/static");
  await app.register(fastifyStatic, { root: DIST, prefix: "/", index: "taskpane.html" });
  const origin = await app.listen({ port: 0, host: "127.0.0.1" });
  return { app, origin };
}

export async function run(): Promise<BenchResult[]> {
  const before = await servedAsBefore();
  let peer: Wire;
  try {
    peer = await wireBytes(before.origin);
  } finally {
    await before.app.close();
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "itfm-wire-bench-"));
  const { service, origin } = await spawnService({ ITFM_DATA_DIR: dataDir });
  let ours: Wire;
  try {
    ours = await wireBytes(origin);
  } finally {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const coldRatio = ours.cold.bytes / peer.cold.bytes;
  const warmKb = ours.warm.bytes / KB;
  const size = (name: string, load: Load, compared?: Partial<BenchResult>): BenchResult => ({
    name,
    metric: "size",
    value: round(load.bytes / KB, 4),
    unit: "KB",
    ...(compared && { peer: PEER, ...compared }),
  });
  const requests = (name: string, load: Load, ratio?: number): BenchResult => ({
    name,
    metric: "count",
    value: load.requests,
    unit: "requests",
    ...(ratio !== undefined && { peer: PEER, ratio: round(ratio, 3) }),
  });
  const OURS = "the service (br, content-named, cached)";
  const THEIRS = "served uncompressed";
  return [
    size(`${OURS}: cold load (fresh profile)`, ours.cold, {
      ratio: round(coldRatio, 3),
      target: `≤ ${COLD_TARGET_RATIO}× the uncompressed load`,
      pass: coldRatio <= COLD_TARGET_RATIO,
    }),
    size(`${OURS}: warm load (same profile)`, ours.warm, {
      ratio: round(ours.warm.bytes / peer.warm.bytes, 3),
      target: `≤ ${WARM_TARGET_KB} KB`,
      pass: warmKb <= WARM_TARGET_KB,
    }),
    requests(`${OURS}: requests on a warm load`, ours.warm, ours.warm.requests / peer.warm.requests),
    size(`${THEIRS}: cold load (fresh profile)`, peer.cold),
    size(`${THEIRS}: warm load (same profile)`, peer.warm),
    requests(`${THEIRS}: requests on a warm load`, peer.warm),
  ];
}

if (require.main === module) runAlone(run);
