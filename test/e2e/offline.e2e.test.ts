import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { violations } from "./support/axe";
import { chromiumAvailable, launchChromium } from "./support/browser";
import { host, newExcel, openPane, PANE_WIDTH } from "./support/pane";
import { screenshot } from "./support/screenshots";
import { startService, type RunningService } from "./support/service";

/**
 * The service stops in the middle of a session and starts again: the pane follows by itself,
 * says what a refresh could and could not do, and no list waits forever. Runs in order.
 */
const run = chromiumAvailable() ? describe : describe.skip;
// A start of the service on a data folder and the background check's waits: minutes on a loaded machine.
jest.setTimeout(240_000);

const COMPUTE = '=ITFM.COST("Compute", "2026-03")';
const WORKBOOK = {
  sheets: [
    {
      name: "Budget",
      cells: {
        A1: "Compute",
        B1: COMPUTE,
        A2: "Depreciation",
        B2: '=ITFM.DEPRECIATION(5000, 0, 5, "sl", 1)',
      },
    },
  ],
};
/** The background check runs every 10 s online and backs off to 15 s offline: well within this. */
const BY_ITSELF = { timeout: 45_000 };

let dataDir: string;
let service: RunningService;
let token: string;
let browser: Browser;
const pages: { theme: "light" | "dark"; page: Page; context: BrowserContext }[] = [];

/** Each step on the light and the dark pane: both are checked with axe and photographed. */
async function onBoth(state: string | undefined, step: (page: Page) => Promise<void>): Promise<void> {
  for (const { theme, page } of pages) {
    await step(page);
    if (state === undefined) continue;
    expect(await violations(page)).toEqual([]);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(
      PANE_WIDTH,
    );
    await screenshot(page, theme === "light" ? state : `${state}-dark`);
  }
}

/**
 * The context's storage once it holds the saved workbook and the last known answers. Chromium
 * hands localStorage writes to a copy a moment after the page made them (it commits them in
 * batches), so the copy is taken again until it holds both.
 */
async function storageWithAnswers(
  context: BrowserContext,
): Promise<Awaited<ReturnType<BrowserContext["storageState"]>>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const state = await context.storageState();
    const items = new Map(
      state.origins.flatMap((origin) => origin.localStorage).map((item) => [item.name, item.value]),
    );
    const holds = (name: string, text: string) => items.get(name)?.includes(text) === true;
    if (holds("fakeHost.runtimeStorage", "Compute") && holds("fakeHost.settings", "itfm.lastRefresh")) {
      return state;
    }
    if (Date.now() > deadline) throw new Error("the pane's storage never held the refreshed workbook");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const status = (page: Page) => page.getByTestId("connection-status");
const savedRefresh = (page: Page) =>
  page.evaluate(() => Office.context.document.settings.get("itfm.lastRefresh"));

run("the task pane when the service stops and comes back", () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "itfm-offline-"));
    browser = await launchChromium();
    service = await startService(undefined, { dataDir: path.join(dataDir, "data") });
    token = service.token;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("signs in, binds and refreshes while the service answers", async () => {
    const light = await newExcel(browser, { workbook: WORKBOOK });
    const page = await openPane(light, service.url);
    await page.getByLabel(/Access token/).fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await status(page)
      .filter({ hasText: /^Online$/ })
      .waitFor();
    await page.getByRole("tab", { name: "Bind" }).click();
    await page.getByRole("combobox", { name: "Model" }).filter({ hasText: "ITFM Demo" }).waitFor();
    await page.getByRole("button", { name: "Bind workbook" }).click();
    await page.getByTestId("bound-message").getByRole("button", { name: "Refresh now" }).click();
    await page.getByText("Refreshed 2 cells").waitFor({ timeout: 60_000 });
    // Bound to the latest published version, the header names which one that is.
    await page
      .getByTestId("binding-summary")
      .filter({ hasText: /^ITFM Demo · FY2026-27 v1 \(latest published\) · Actual$/ })
      .waitFor();
    await host(page, "host.save()");
    // The dark pane is the same workbook reopened: it starts from a copy of this one's storage,
    // and shows the last known values offline only from that copy.
    const dark = await newExcel(browser, { theme: "dark", storageState: await storageWithAnswers(light) });
    pages.push({ theme: "light", page, context: light });
    pages.push({ theme: "dark", page: await openPane(dark, service.url), context: dark });
    await onBoth(undefined, async (p) => {
      await status(p)
        .filter({ hasText: /^Online$/ })
        .waitFor();
      expect(await savedRefresh(p)).toEqual(expect.any(String));
    });
  });

  it("turns Offline by itself soon after the service stops, and offers Try again", async () => {
    await service.stop();
    await onBoth("offline-header", async (page) => {
      await status(page)
        .filter({ hasText: /^Offline$/ })
        .waitFor(BY_ITSELF);
      await page.getByRole("banner").getByRole("button", { name: "Try again" }).waitFor();
    });
  });

  it("a refresh while offline says nothing was refreshed and leaves the saved time alone", async () => {
    await onBoth("refresh-offline", async (page) => {
      const before = await savedRefresh(page);
      const value = await host<object>(page, `host.cell("Budget!B1")`);
      await page.getByRole("tab", { name: "Refresh" }).click();
      await page.getByRole("button", { name: "Refresh workbook" }).click();
      const outcome = page
        .getByTestId("refresh-outcome")
        .getByText(/^Service unreachable — nothing refreshed/);
      await outcome.waitFor({ timeout: 60_000 });
      expect(await savedRefresh(page)).toBe(before);
      // The message of an error, if the cell shows one, says why the kept value was not shown.
      const shown = {
        ...(await host<object>(page, `host.cell("Budget!B1")`)),
        message: await host(page, `host.cellMessage("Budget!B1")`),
      };
      expect(shown).toEqual({ ...value, message: undefined });
      await expect(outcome.textContent()).resolves.toMatch(
        /^Service unreachable — nothing refreshed; values from \d{1,2}:\d\d [AP]M kept\.$/,
      );
    });
  });

  it("Connect does not say Connected, and Bind ends in an error with Try again", async () => {
    await onBoth(undefined, async (page) => {
      await page.getByRole("tab", { name: "Connect" }).click();
      await page.getByRole("heading", { name: "Signed in · service unreachable" }).waitFor();
      expect(await violations(page)).toEqual([]);
    });
    await onBoth("bind-offline", async (page) => {
      await page.getByRole("tab", { name: "Bind" }).click();
      await page.getByText(/Not connected to the cost-model service/).waitFor({ timeout: 60_000 });
      await page.getByRole("main").getByRole("button", { name: "Try again" }).waitFor();
    });
  });

  it("turns Online again by itself once the service is back, and Bind lists the models", async () => {
    service = await startService(undefined, {
      dataDir: path.join(dataDir, "data"),
      port: Number(new URL(service.url).port),
    });
    await onBoth("back-online", async (page) => {
      await status(page)
        .filter({ hasText: /^Online$/ })
        .waitFor(BY_ITSELF);
      await page.getByRole("combobox", { name: "Model" }).filter({ hasText: "ITFM Demo" }).waitFor(BY_ITSELF);
      await expect(page.getByRole("button", { name: "Try again" }).count()).resolves.toBe(0);
    });
  });
});
