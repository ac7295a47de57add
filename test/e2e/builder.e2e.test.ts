import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromiumAvailable, launchChromium } from "./support/browser";
import { host, newExcel, openPane } from "./support/pane";
import { screenshot } from "./support/screenshots";
import { startService, type RunningService } from "./support/service";
import { bindDemoDraft, expectAccessible } from "./support/steps";

/**
 * The Insert builder of the built task pane, served by the real service on loopback, in a fake
 * Excel: a controller types a quarter and a year (never replaced by a suggestion), inserts, and is
 * stopped, next to the field, by a period the formulas do not read; in light and in dark.
 */
const run = chromiumAvailable() ? describe : describe.skip;

const MODEL = "ITFM Demo";
const NOT_A_PERIOD =
  "“March 2026” is not a period: type a month like 2026-03, a quarter like 2026-Q1, a year like 2026 or FY2026";

let service: RunningService;
let browser: Browser;
let excel: BrowserContext;
let page: Page;

const field = (target: Page, name: string) =>
  target.getByRole("combobox", { name: new RegExp(`^${name}`, "i") });

/** Builds COST of `member` in `period`, typed key by key and left with `leave`, into `address`. */
async function insertCost(member: string, period: string, address: string, leave: "Enter" | "Tab") {
  await host(page, `host.select(${JSON.stringify(address)})`);
  for (const [name, text] of [
    ["member", member],
    ["period", period],
  ]) {
    await field(page, name).fill("");
    await field(page, name).pressSequentially(text);
    await field(page, name).press(leave);
    await expect(field(page, name).inputValue()).resolves.toBe(text);
  }
  await page.getByRole("button", { name: "Insert into active cell" }).click();
  await page.getByText(`Inserted into ${address}.`).waitFor();
  await host(page, "host.idle()");
  return host<{ formula: string; value: unknown }>(page, `host.cell(${JSON.stringify(address)})`);
}

/** The member and period fields with “March 2026” refused, the message shown next to the field. */
async function refuseMarch(target: Page): Promise<void> {
  await field(target, "period").fill("March 2026");
  await target.getByRole("button", { name: "Insert into active cell" }).click();
  await target.getByText(NOT_A_PERIOD).waitFor();
  await expect(field(target, "period").getAttribute("aria-invalid")).resolves.toBe("true");
}

run("the Insert builder in the task pane", () => {
  beforeAll(async () => {
    browser = await launchChromium();
    service = await startService();
    excel = await newExcel(browser, { workbook: { sheets: [{ name: "Budget" }] }, height: 900 });
    page = await openPane(excel, service.url);
    await page.getByLabel(/Access token/).fill(service.token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("account").getByText("Administrator").waitFor();
    await bindDemoDraft(page, MODEL);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it("lists the model's fiscal years, years, quarters and months", async () => {
    await page.getByRole("tab", { name: "Insert" }).click();
    await page.getByRole("button", { name: "Build: COST" }).click();
    await page.getByText("Month 2026-03, quarter 2026-Q1, year 2026 or FY2026").waitFor();
    await field(page, "period").click();
    for (const [group, first] of [
      ["Fiscal years", "FY2026"],
      ["Years", "2026"],
      ["Quarters", "2026-Q1"],
      ["Months", "2026-01"],
    ]) {
      const options = page.getByRole("group", { name: group, exact: true }).getByRole("option");
      await expect(options.first().textContent()).resolves.toBe(first);
    }
    await expect(page.getByRole("group", { name: "Quarters" }).getByRole("option").count()).resolves.toBe(8);
    await field(page, "period").press("Escape");
  });

  it("inserts a quarter and a year as typed, and the cells answer", async () => {
    const quarter = await insertCost("Compute", "2026-Q1", "Budget!B2", "Enter");
    expect(quarter.formula).toBe('=ITFM.COST("Compute", "2026-Q1")');
    expect(typeof quarter.value).toBe("number");
    const year = await insertCost("Storage", "2026", "Budget!B3", "Tab");
    expect(year.formula).toBe('=ITFM.COST("Storage", "2026")');
    expect(typeof year.value).toBe("number");
    await expectAccessible(page);
  });

  it("refuses “March 2026” next to the field and writes nothing", async () => {
    await host(page, `host.select("Budget!B4")`);
    await refuseMarch(page);
    await expect(host(page, `host.cell("Budget!B4")`)).resolves.toMatchObject({ formula: "" });
    await expectAccessible(page);
    await screenshot(page, "insert-builder-invalid-period");
  });

  it("keeps an unknown member and offers the closest one", async () => {
    await field(page, "member").fill("Storag");
    await field(page, "member").press("Tab");
    await page.getByText(/“Storag” is not in the model/).waitFor();
    await expect(field(page, "member").inputValue()).resolves.toBe("Storag");
    await expectAccessible(page);
    await screenshot(page, "insert-builder-unknown-member");
    await page.getByRole("button", { name: "Storage", exact: true }).click();
    await expect(field(page, "member").inputValue()).resolves.toBe("Storage");
  });

  it("says the same in dark", async () => {
    const dark = await newExcel(browser, { theme: "dark", storageState: await excel.storageState() });
    const darkPage = await openPane(dark, service.url);
    await darkPage.getByTestId("binding-summary").getByText(MODEL, { exact: false }).waitFor();
    await darkPage.getByRole("tab", { name: "Insert" }).click();
    await darkPage.getByRole("button", { name: "Build: COST" }).click();
    await field(darkPage, "member").fill("Storag");
    await field(darkPage, "member").press("Tab");
    await darkPage.getByText(/“Storag” is not in the model/).waitFor();
    await refuseMarch(darkPage);
    await expectAccessible(darkPage);
    await screenshot(darkPage, "insert-builder-invalid-period-dark");
    await dark.close();
  });
});
