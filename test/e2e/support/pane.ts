import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { WorkbookSpec } from "../../taskpane/support/fake-host";

/** The URL taskpane.html loads office.js from; the browser tests answer it with the fake host. */
export const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const FAKE_HOST = readFileSync(path.resolve(__dirname, "../fake-host/office.js"), "utf8");

export const PANE_WIDTH = 320;

export interface PaneOptions {
  theme?: "light" | "dark";
  /** The workbook the host opens (when it has none saved from an earlier page in the same context). */
  workbook?: WorkbookSpec;
  height?: number;
  /** The pane's width: 320 px unless told (Excel on Mac opens it at 270). */
  width?: number;
  /** Storage of another context: the same Excel profile and workbook, reopened. */
  storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>;
}

/** A browser context standing for one Excel with one workbook: its storage survives page reloads. */
export async function newExcel(browser: Browser, options: PaneOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? PANE_WIDTH, height: options.height ?? 720 },
    deviceScaleFactor: 2,
    locale: "en-US",
    timezoneId: "UTC",
    reducedMotion: "reduce",
    storageState: options.storageState,
  });
  const config = { theme: options.theme ?? "light", workbook: options.workbook };
  await context.addInitScript(`globalThis.__fakeHostConfig = ${JSON.stringify(config)};`);
  await context.route(OFFICE_JS_URL, (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript", body: FAKE_HOST }),
  );
  // Nothing but the service on loopback and the fake office.js: any other request is a defect.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) =>
    route.request().url() === OFFICE_JS_URL ? route.fallback() : route.abort(),
  );
  return context;
}

/** Opens the built task pane (served by the service) in a context made by newExcel. */
export async function openPane(context: BrowserContext, serviceUrl: string): Promise<Page> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${serviceUrl}/taskpane.html`);
  await page.getByRole("heading", { level: 1, name: "ITFM for Excel" }).waitFor();
  if (problems.length > 0) throw new Error(`the task pane failed to start: ${problems.join("; ")}`);
  return page;
}

/** The fake host's handle in the page (see fake-host/office.js). */
export function host<T>(page: Page, body: string): Promise<T> {
  return page.evaluate(`(async () => { const host = globalThis.fakeHost; return ${body}; })()`) as Promise<T>;
}
