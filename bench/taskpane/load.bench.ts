import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { launchChromium } from "../../test/e2e/support/browser";
import { OFFICE_JS_URL } from "../../test/e2e/support/pane";
import { round, type BenchResult, runAlone } from "../types";

export const DIST = path.resolve(__dirname, "../../dist");
export const FAKE_HOST = readFileSync(path.resolve(__dirname, "../../test/e2e/fake-host/office.js"), "utf8");
const KB = 1024;
const SIZE_TARGET_KB = 250;
const TIME_TARGET_MS = 300;
const LOADS = 9;

/** The add-in's own scripts that taskpane.html loads (office.js comes from Microsoft's CDN). */
export function scriptsOfTaskpane(html: string): string[] {
  return [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)]
    .map((match) => match[1])
    .filter((src) => !/^https?:/.test(src));
}

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".json": "application/json",
};

/** dist/ over plain http on loopback, as the service serves it. */
function serveDist(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const file = path.join(DIST, path.normalize(decodeURIComponent((request.url ?? "/").split("?")[0])));
    try {
      const body = readFileSync(file.startsWith(DIST) ? file : DIST);
      response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Milliseconds from navigation start until the last CustomFunctions.associate call, as the fake
 * host records it: the moment Excel could calculate the workbook's ITFM cells. Each load is a
 * fresh browser context, so nothing comes from a cache.
 */
async function registrationTimes(url: string): Promise<number[]> {
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
      await context.route(OFFICE_JS_URL, (route) =>
        route.fulfill({ status: 200, contentType: "text/javascript", body: FAKE_HOST }),
      );
      const page = await context.newPage();
      await page.goto(`${url}/taskpane.html`);
      await page.waitForFunction("globalThis.fakeHost.stats().associated.length > 0");
      await page.waitForLoadState("load");
      const stats = (await page.evaluate("globalThis.fakeHost.stats()")) as { lastAssociateAt: number };
      times.push(stats.lastAssociateAt);
      await context.close();
    }
    return times;
  } finally {
    await browser.close();
  }
}

export async function run(): Promise<BenchResult[]> {
  const html = readFileSync(path.join(DIST, "taskpane.html"), "utf8");
  const scripts = scriptsOfTaskpane(html);
  const sizes = scripts.map((src) => ({
    src,
    gzip: gzipSync(readFileSync(path.join(DIST, src))).length / KB,
  }));
  const totalKb = sizes.reduce((sum, s) => sum + s.gzip, 0);

  const { server, url } = await serveDist();
  let times: number[];
  try {
    times = await registrationTimes(url);
  } finally {
    server.close();
  }
  const registeredMs = median(times);

  return [
    {
      name: "add-in JavaScript shipped (gzip)",
      metric: "size",
      value: round(totalKb, 4),
      unit: "KB",
      target: `≤ ${SIZE_TARGET_KB} KB`,
      pass: totalKb <= SIZE_TARGET_KB,
    },
    ...sizes.map((s): BenchResult => ({
      name: `  ${s.src} (gzip)`,
      metric: "size",
      value: round(s.gzip, 4),
      unit: "KB",
    })),
    {
      name: `page load to custom functions registered (median of ${LOADS}, Chromium)`,
      metric: "time",
      value: round(registeredMs, 3),
      unit: "ms",
      target: `≤ ${TIME_TARGET_MS} ms`,
      pass: registeredMs <= TIME_TARGET_MS,
    },
  ];
}

if (require.main === module) runAlone(run);
