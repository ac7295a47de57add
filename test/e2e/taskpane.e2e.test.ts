import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromiumAvailable, launchChromium } from "./support/browser";
import { host, newExcel, openPane } from "./support/pane";
import { screenshot } from "./support/screenshots";
import { startService, type RunningService } from "./support/service";
import { expectAccessible } from "./support/steps";
import { countAnnouncements } from "./support/announcements";
import { budgetWorkbook, UNKNOWN_MEMBER } from "./support/workbooks";

/**
 * The built task pane (dist/, served by the real service on loopback) in headless Chromium,
 * inside a fake Excel whose cells are calculated by the add-in's own functions bundle.
 * The tests run in order: each continues from the state the previous one left.
 */
const run = chromiumAvailable() ? describe : describe.skip;

const MODEL = "ITFM Demo";
const DRAFT = "FY2026-27 v2 (draft)";
const TOTAL = "2,000";

let service: RunningService;
let browser: Browser;
let excel: BrowserContext;
let page: Page;

const tab = (name: string | RegExp) => page.getByRole("tab", { name });
const status = () => page.getByTestId("connection-status");

/** Asks the service directly, as a check of what a cell shows. */
async function serviceValue(query: Record<string, unknown>, scenario = "Actual"): Promise<number> {
  const response = await fetch(`${service.url}/api/v1/query`, {
    method: "POST",
    headers: { authorization: `Bearer ${service.token}`, "content-type": "application/json" },
    body: JSON.stringify({ model: MODEL, version: DRAFT, scenario, queries: [query] }),
  });
  const body = (await response.json()) as { results: [{ value: string }] };
  return Number(body.results[0].value);
}

async function cell(address: string): Promise<{ formula: string; value: unknown; type: string }> {
  return host(page, `host.cell(${JSON.stringify(address)})`);
}

/** Binds the workbook to the draft version and `scenario` in Bind, and waits for the offer to refresh. */
async function bindScenario(scenario: string): Promise<ReturnType<Page["getByTestId"]>> {
  await tab("Bind").click();
  await page.getByRole("combobox", { name: "Scenario" }).click();
  await page.getByRole("option", { name: scenario }).click();
  await page.getByRole("button", { name: "Bind workbook" }).click();
  const bound = page.getByTestId("bound-message");
  await bound.getByText(`${MODEL} · ${DRAFT} · ${scenario}`).waitFor();
  return bound;
}

/** The figures of the refresh summary: updated, unchanged, errors. */
async function summaryFigures(): Promise<number[]> {
  const figures = await page.getByTestId("refresh-summary").getByRole("definition").allTextContents();
  return figures.map((f) => Number(f.replace(/,/g, "")));
}

/** Waits until a text box shows `text` (it is filled asynchronously, e.g. from Excel). */
async function inputShows(textbox: ReturnType<Page["getByRole"]>, text: string): Promise<void> {
  const element = await textbox.elementHandle();
  await page.waitForFunction(([input, expected]) => (input as HTMLInputElement).value === expected, [
    element,
    text,
  ] as const);
}

async function pickOption(
  combobox: ReturnType<Page["getByRole"]>,
  text: string,
  option: string,
): Promise<void> {
  await combobox.click();
  await combobox.pressSequentially(text);
  await page.getByRole("option", { name: option, exact: true }).click();
}

run("the task pane in Excel", () => {
  beforeAll(async () => {
    browser = await launchChromium();
    service = await startService();
    excel = await newExcel(browser, { workbook: budgetWorkbook() });
    page = await openPane(excel, service.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it("connects: signs in with a token and shows the user, tenant and role", async () => {
    await status()
      .filter({ hasText: /^Signed out$/ })
      .waitFor();
    // The address arrives once the pane has read the workbook's binding; wait for it, as a user would.
    await page.waitForFunction(
      (url) => (document.querySelector('input[type="url"]') as HTMLInputElement | null)?.value === url,
      service.url,
    );
    const address = page.getByRole("textbox", { name: /Service address/ });
    await expect(address.inputValue()).resolves.toBe(service.url);
    await expectAccessible(page);
    await screenshot(page, "connect");

    await page.getByLabel(/Access token/).fill(service.token);
    await page.getByRole("button", { name: "Sign in" }).click();
    const account = page.getByTestId("account");
    await account.getByText("Administrator").waitFor();
    await expect(account.textContent()).resolves.toMatch(/Demo Admin.*Demo.*Administrator/);
    await status()
      .filter({ hasText: /^Online$/ })
      .waitFor();
    // The form it was on is gone: the focus is on the heading of what replaced it, not the page.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Connected");
    await expectAccessible(page);
    await screenshot(page, "connected");

    // The token is kept by the add-in, never in the workbook's settings.
    const settings = await page.evaluate(() => localStorage.getItem("fakeHost.settings") ?? "");
    expect(settings).not.toContain(service.token);
    const runtime = await page.evaluate(() => localStorage.getItem("fakeHost.runtimeStorage") ?? "");
    expect(runtime).toContain(service.token);
  });

  it("binds the workbook to a model, version and scenario, and reopening restores it", async () => {
    await tab("Bind").click();
    // The only model of the tenant is chosen without asking.
    await page.getByRole("combobox", { name: "Model" }).filter({ hasText: MODEL }).waitFor();
    await page.getByRole("combobox", { name: /^Version/ }).click();
    const published = page.getByRole("option", { name: /FY2026-27 v1/ });
    // The demo is published when it is first started: today.
    const today = new Date().toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric" });
    await expect(published.textContent()).resolves.toContain(`Published ${today}`);
    await expect(page.getByRole("option", { name: /v2 \(draft\)/ }).textContent()).resolves.toMatch(
      /Draft, created/,
    );
    await expectAccessible(page);
    await screenshot(page, "bind-versions");
    await page.getByRole("option", { name: /v2 \(draft\)/ }).click();
    await page.getByRole("combobox", { name: "Scenario" }).click();
    await page.getByRole("option", { name: "Budget" }).waitFor();
    await page.getByRole("option", { name: "Actual" }).click();
    await page.getByRole("button", { name: "Bind workbook" }).click();
    const bound = page.getByTestId("bound-message");
    await bound.waitFor();
    // The focus moves on to the next step, not to the page.
    await page.waitForFunction(() => document.activeElement?.textContent === "Refresh now");
    await expect(bound.textContent()).resolves.toContain(`${MODEL} · ${DRAFT} · Actual`);
    await expectAccessible(page);
    await screenshot(page, "bind");

    const saved = await page.evaluate(() => Office.context.document.settings.get("itfm.binding"));
    expect(saved).toEqual({ model: MODEL, version: DRAFT, scenario: "Actual" });

    await host(page, "host.save()");
    await page.reload();
    await page.getByTestId("binding-summary").getByText(`${MODEL} · ${DRAFT} · Actual`).waitFor();
    // Signed in and bound: the pane opens on Refresh.
    await tab("Refresh").and(page.locator("[aria-selected=true]")).waitFor();
    await tab("Bind").click();
    await expect(page.getByRole("combobox", { name: /^Version/ }).textContent()).resolves.toBe(DRAFT);
  });

  it("refreshes 2,000 ITFM cells on three sheets with progress, stops, and sums up", async () => {
    await tab("Refresh").click();
    await expect(cell("'Tower costs'!D4")).resolves.toMatchObject({ value: 0 });
    // A slow machine: each batch of cells takes a second, long enough to watch and to stop.
    await host(page, "host.setLatency(1000)");
    await page.getByRole("button", { name: "Refresh workbook" }).click();
    const progress = page.getByTestId("refresh-progress");
    await progress.getByText(new RegExp(`^[1-9][\\d,]* of ${TOTAL} cells`)).waitFor();
    await screenshot(page, "refresh-progress");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Stop" }).click();
    const stopped = page.getByText(new RegExp(`Stopped after [\\d,]+ of ${TOTAL} cells`));
    await stopped.waitFor();
    const done = Number((await stopped.textContent())!.match(/after ([\d,]+)/)![1].replace(/,/g, ""));
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(2000);
    // It stops between batches, never halfway through one.
    expect(done % 250).toBe(0);
    await expect(page.getByTestId("last-refresh").textContent()).resolves.toMatch(
      new RegExp(`^Partly refreshed today at .+ \\(${done.toLocaleString("en-US")} of ${TOTAL} cells\\)`),
    );
    await expectAccessible(page);
    await screenshot(page, "refresh-stopped");

    await host(page, "host.setLatency(0)");
    const announcements = await countAnnouncements(page);
    await page.getByRole("button", { name: "Refresh workbook" }).click();
    // One cell names an unknown member: it is not counted as refreshed.
    await page.getByText(new RegExp(`^Refreshed 1,999 of ${TOTAL} cells .*; 1 cell shows an error`)).waitFor({
      timeout: 60_000,
    });
    await expect(page.getByTestId("last-refresh").textContent()).resolves.toMatch(/^Refreshed today at/);
    // Eight batches, yet the screen reader hears the outcome, not every step of the progress.
    await expect(announcements()).resolves.toBeLessThanOrEqual(2);
    const [updated, unchanged, errors] = await summaryFigures();
    expect(updated + unchanged + errors).toBe(2000);
    expect(errors).toBe(1);
    // The cells of the stopped run were brought up to date then.
    expect(unchanged).toBeGreaterThanOrEqual(done - errors);
    expect(updated).toBeGreaterThanOrEqual(2000 - done - errors);
    await expect(page.getByTestId("error-reasons").textContent()).resolves.toContain(UNKNOWN_MEMBER);
    await expectAccessible(page);
    await screenshot(page, "refresh-summary");

    // The cells show what the service and the engine answer.
    const compute = await serviceValue({ kind: "cost", member: "Compute", period: "2026-03" });
    await expect(cell("'Tower costs'!D4")).resolves.toMatchObject({ value: compute, type: "Double" });
    const chargeback = await serviceValue({
      kind: "allocated",
      member: "Data Center",
      consumer: "Sales",
      period: "2026-Q1",
    });
    await expect(cell("Chargeback!B2")).resolves.toMatchObject({ value: chargeback });
    // Double-declining balance, first year: cost × 2 / life.
    await expect(cell("Depreciation!B3")).resolves.toMatchObject({ value: (5250 * 2) / 5 });
    await expect(cell("'Tower costs'!B28")).resolves.toMatchObject({ value: DRAFT });
  });

  it("offers a refresh when the binding changes, and Refresh now recalculates the workbook", async () => {
    const compute = { kind: "cost", member: "Compute", period: "2026-03" };
    const actual = await serviceValue(compute);
    const budget = await serviceValue(compute, "Budget");
    expect(budget).not.toBe(actual);
    await expect(cell("'Tower costs'!D4")).resolves.toMatchObject({ value: actual });

    for (const [scenario, shown, refreshed] of [
      ["Budget", actual, budget],
      ["Actual", budget, actual],
    ] as const) {
      const bound = await bindScenario(scenario);
      // Binding alone recalculates nothing: the cells show the numbers of the old binding.
      await expect(cell("'Tower costs'!D4")).resolves.toMatchObject({ value: shown });
      await bound.getByRole("button", { name: "Refresh now" }).click();
      await tab("Refresh").and(page.locator("[aria-selected=true]")).waitFor();
      await page.waitForFunction(
        ([address, expected]) =>
          (globalThis as unknown as { fakeHost: { cell(a: string): { value: unknown } } }).fakeHost.cell(
            address,
          ).value === expected,
        ["'Tower costs'!D4", refreshed] as const,
      );
      await page.getByText(`Refreshed 1,999 of ${TOTAL} cells`).waitFor({ timeout: 60_000 });
      const [updated, unchanged, errors] = await summaryFigures();
      expect(updated + unchanged + errors).toBe(2000);
      // The cells that follow the binding's scenario changed: 120 tower costs and 432 chargebacks.
      expect(updated).toBeGreaterThanOrEqual(120 + 432);
    }
  });

  it("inserts a formula built from the model's members into the active cell", async () => {
    await host(page, `host.select("'Tower costs'!N2")`);
    await tab("Insert").click();
    await expectAccessible(page);
    await screenshot(page, "insert", { fullPage: false });

    await page.getByRole("button", { name: "Build: COST" }).click();
    await page.getByTestId("target-cell").getByText("Goes into 'Tower costs'!N2, the active cell.").waitFor();
    await pickOption(page.getByRole("combobox", { name: /^member/i }), "comp", "Compute");
    await pickOption(page.getByRole("combobox", { name: /^period/i }), "2026-03", "2026-03");
    await expect(page.getByTestId("formula-preview").textContent()).resolves.toBe(
      '=ITFM.COST("Compute", "2026-03")',
    );
    await expectAccessible(page);
    await screenshot(page, "insert-builder");
    await page.getByRole("button", { name: "Insert into active cell" }).click();
    await page.getByText("Inserted into 'Tower costs'!N2.").waitFor();
    await host(page, "host.idle()");
    const inserted = await cell("'Tower costs'!N2");
    expect(inserted.formula).toBe('=ITFM.COST("Compute", "2026-03")');
    expect(inserted.value).toBe((await cell("'Tower costs'!D4")).value);
  });

  it("takes a formula's ranges from the selection in the builder", async () => {
    await page.getByRole("button", { name: "Back to formulas" }).click();
    await page.getByRole("button", { name: "Build: ROI" }).click();
    await host(page, `host.select("Depreciation!A2:A7")`);
    await page.getByRole("button", { name: "Use selection for costs" }).click();
    await inputShows(page.getByRole("textbox", { name: /^costs/i }), "Depreciation!A2:A7");
    await host(page, `host.select("Depreciation!B2:B7")`);
    await page.getByRole("button", { name: "Use selection for benefits" }).click();
    await inputShows(page.getByRole("textbox", { name: /^benefits/i }), "Depreciation!B2:B7");
    await expect(page.getByTestId("formula-preview").textContent()).resolves.toBe(
      "=ITFM.ROI(Depreciation!A2:A7, Depreciation!B2:B7)",
    );
  });

  it("builds a business case on dates: XNPV of the flows into the active cell", async () => {
    await page.getByRole("button", { name: "Back to formulas" }).click();
    await page.getByRole("button", { name: "Build: ROI" }).click();
    for (const [name, range] of [
      ["costs", "Depreciation!D2:D5"],
      ["benefits", "Depreciation!E2:E5"],
      ["dates", "Depreciation!F2:F5"],
    ]) {
      await host(page, `host.select(${JSON.stringify(range)})`);
      await page.getByRole("button", { name: `Use selection for ${name}` }).click();
      await inputShows(page.getByRole("textbox", { name: new RegExp(`^${name}`, "i") }), range);
    }
    await page.getByRole("textbox", { name: /^rate/i }).fill("10%");
    await page.getByRole("combobox", { name: /^metric/i }).click();
    await page.getByRole("option", { name: "npv", exact: true }).click();
    await expect(page.getByTestId("formula-preview").textContent()).resolves.toBe(
      '=ITFM.ROI(Depreciation!D2:D5, Depreciation!E2:E5, 10%, "npv", , Depreciation!F2:F5)',
    );
    await expectAccessible(page);
    await screenshot(page, "insert-builder-dates");
    await host(page, `host.select("Depreciation!G2")`);
    await page.getByRole("button", { name: "Insert into active cell" }).click();
    await page.getByText("Inserted into Depreciation!G2.").waitFor();
    await host(page, "host.idle()");
    const inserted = await cell("Depreciation!G2");
    expect(inserted.formula).toBe('=ITFM.ROI(D2:D5, E2:E5, 10%, "npv", , F2:F5)');
    // Excel's XNPV(10%, {-500000; 200000; 250000; 300000}, dates), as LibreOffice also computes it.
    expect(inserted.value).toBeCloseTo(145243.622545698, 6);
  });

  it("lists the cells in error with their message, and selects one when chosen", async () => {
    await host(page, `host.select("Chargeback!A1")`);
    await tab(/^Errors/).click();
    const groups = page.getByRole("list", { name: "Errors by reason" }).locator(":scope > li");
    await groups.first().waitFor();
    await expect(groups.count()).resolves.toBe(1);
    await expect(groups.first().textContent()).resolves.toContain(UNKNOWN_MEMBER);
    const item = groups.first().getByRole("button", { name: "Go to 'Tower costs'!B29" });
    await expectAccessible(page);
    await screenshot(page, "diagnostics");
    await item.click();
    await page.waitForFunction("globalThis.fakeHost.selection() === \"'Tower costs'!B29\"");
  });

  it("works with the keyboard alone", async () => {
    await page.reload();
    await tab("Refresh").and(page.locator("[aria-selected=true]")).waitFor();
    const expectFocus = async (target: ReturnType<Page["getByRole"]>) =>
      expect(target.evaluate((element) => element === document.activeElement)).resolves.toBe(true);

    // The section tabs are one stop: arrows move between them, Enter opens one.
    await page.keyboard.press("Tab");
    await expectFocus(tab("Refresh"));
    await page.keyboard.press("ArrowRight");
    await expectFocus(tab("Insert"));
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Insert a formula" }).waitFor();

    await page.keyboard.press("Tab");
    await expectFocus(page.getByRole("searchbox", { name: "Search formulas" }));
    await page.keyboard.type("npv");
    await page.keyboard.press("Tab");
    await expectFocus(page.getByRole("button", { name: "Build: ROI" }));
    await page.keyboard.press("Enter");
    // The builder takes the focus at its heading; its fields follow in order.
    await expectFocus(page.getByRole("heading", { name: "Build ITFM.ROI" }));
    await page.keyboard.press("Tab");
    await page.keyboard.type("B2:B7");
    await expect(page.getByRole("textbox", { name: /^costs/i }).inputValue()).resolves.toBe("B2:B7");
    await page.keyboard.press("Tab");
    await expectFocus(page.getByRole("button", { name: "Use selection for costs" }));
    await page.keyboard.press("Tab");
    await page.keyboard.type("C2:C7");
    await expect(page.getByTestId("formula-preview").textContent()).resolves.toBe("=ITFM.ROI(B2:B7, C2:C7)");

    await page.getByRole("button", { name: "Back to formulas" }).focus();
    await page.keyboard.press("Enter");
    await expectFocus(page.getByRole("button", { name: "Build: ROI" }));
  });

  it("follows the Office theme: dark", async () => {
    const darkExcel = await newExcel(browser, { theme: "dark", storageState: await excel.storageState() });
    const darkPage = await openPane(darkExcel, service.url);
    await darkPage.getByText(`${MODEL} · ${DRAFT} · Actual`).waitFor();
    const background = await darkPage.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe("rgb(255, 255, 255)");
    await darkPage.getByRole("tab", { name: "Insert" }).click();
    await expectAccessible(darkPage);
    await screenshot(darkPage, "insert-dark", { fullPage: false });
    await darkPage.getByRole("button", { name: "Build: ROI" }).click();
    for (const [name, range] of [
      ["costs", "D2:D5"],
      ["benefits", "E2:E5"],
      ["dates", "F2:F5"],
    ])
      await darkPage.getByRole("textbox", { name: new RegExp(`^${name}`, "i") }).fill(range);
    await expectAccessible(darkPage);
    await screenshot(darkPage, "insert-builder-dates-dark");
    await darkExcel.close();
  });

  it("shows offline with the time of the values shown when the service stops", async () => {
    const online = await cell("'Tower costs'!D4");
    expect(online).toMatchObject({ type: "Double" });
    expect(online.value).toBeGreaterThan(0);
    await service.stop();
    await tab("Refresh").click();
    await page.getByRole("button", { name: "Refresh workbook" }).click();
    await status().getByText("Offline").waitFor({ timeout: 30_000 });
    await page
      .getByRole("button", { name: "Stop" })
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    await page
      .getByText(/Stopped after|Refreshed|Service unreachable/)
      .first()
      .waitFor({ timeout: 60_000 });
    await expect(page.getByTestId("last-refresh").textContent()).resolves.toMatch(
      /^Showing values as of today at \d/,
    );
    // The cells keep their last known values.
    await expect(cell("'Tower costs'!D4")).resolves.toEqual(online);
    await expectAccessible(page);
    await screenshot(page, "offline");
  });

  it("signs out: the pane asks for a token again and forgets the one it kept", async () => {
    await tab("Connect").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await status().getByText("Signed out").waitFor();
    await page.getByLabel(/Access token/).waitFor();
    await expect(page.getByLabel(/Access token/).inputValue()).resolves.toBe("");
    await expect(page.getByRole("button", { name: "Sign in" }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId("account").count()).resolves.toBe(0);
    const runtime = await page.evaluate(() => localStorage.getItem("fakeHost.runtimeStorage") ?? "");
    expect(runtime).not.toContain(service.token);
    const settings = await page.evaluate(() => localStorage.getItem("fakeHost.settings") ?? "");
    expect(settings).not.toContain(service.token);
  });
});
