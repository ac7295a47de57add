import type { Browser, Page } from "playwright-core";
import { cellAddress } from "../../src/taskpane/excel/addresses";
import type { WorkbookSpec } from "../taskpane/support/fake-host";
import { violations } from "./support/axe";
import { chromiumAvailable, launchChromium } from "./support/browser";
import { host, newExcel, openPane } from "./support/pane";
import { screenshot } from "./support/screenshots";
import { startService, type RunningService } from "./support/service";
import { bindDemoDraft, expectAccessible } from "./support/steps";

/**
 * A workbook with 624 cells in error after a refresh, on the light and the dark pane: the Errors
 * view groups them by reason with counts and a suggestion, filters by sheet, goes to a group's
 * first cell, and stays a short page.
 */
const run = chromiumAvailable() ? describe : describe.skip;
jest.setTimeout(180_000);

/** 600 cells with a misspelt tower on Budget, 24 with a month Excel-style on Chargeback, one good cell. */
function workbookWithErrors(): WorkbookSpec {
  const budget: Record<string, unknown> = { A1: '=ITFM.COST("Storage", "2026-03")' };
  for (let row = 1; row <= 30; row++)
    for (let column = 1; column <= 20; column++)
      budget[cellAddress(row, column)] = '=ITFM.COST("Storag", "2026-03")';
  const chargeback: Record<string, unknown> = {};
  for (let row = 0; row < 24; row++) chargeback[cellAddress(row, 1)] = '=ITFM.COST("Compute", "March 2026")';
  return {
    sheets: [
      { name: "Budget", cells: budget },
      { name: "Chargeback", cells: chargeback },
    ],
    selection: "Budget!A1",
  };
}

let service: RunningService;
let browser: Browser;
const pages: { theme: "light" | "dark"; page: Page }[] = [];

run("the Errors view of a workbook with hundreds of cells in error", () => {
  beforeAll(async () => {
    browser = await launchChromium();
    service = await startService();
    for (const theme of ["light", "dark"] as const) {
      const page = await openPane(
        await newExcel(browser, { theme, workbook: workbookWithErrors() }),
        service.url,
      );
      await page.getByRole("textbox", { name: /Service address/ }).fill(service.url);
      await page.getByLabel(/Access token/).fill(service.token);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByTestId("next-step").waitFor();
      await bindDemoDraft(page, "ITFM Demo");
      pages.push({ theme, page });
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it("a refresh counts the cells in error apart from those refreshed", async () => {
    for (const { page } of pages) {
      await page.getByRole("tab", { name: "Refresh" }).click();
      await page.getByRole("button", { name: "Refresh workbook" }).click();
      await page
        .getByTestId("refresh-outcome")
        .getByText(/^Refreshed 1 of 625 cells today at .+; 624 cells show an error\.$/)
        .waitFor({ timeout: 120_000 });
    }
  });

  it("groups the errors by reason with counts and a suggestion, in a page of a screen or two", async () => {
    for (const { theme, page } of pages) {
      await page.getByRole("button", { name: "Show the cells in error" }).click();
      const groups = page.getByRole("list", { name: "Errors by reason" }).locator(":scope > li");
      await groups.first().waitFor();
      await expect(groups.count()).resolves.toBe(2);
      await expect(groups.nth(0).textContent()).resolves.toMatch(
        /^600#N\/A unknown member "Storag" .*did you mean "Storage"\?/,
      );
      await expect(groups.nth(1).textContent()).resolves.toMatch(/^24#VALUE! "March 2026" is not a period/);
      await expect(page.getByTestId("error-count").textContent()).resolves.toBe(
        "624 cells show an error, for 2 reasons.",
      );
      // 624 cells in error once took about 13,000 px of cards.
      await expect(page.evaluate(() => document.documentElement.scrollHeight)).resolves.toBeLessThan(1_600);
      await expectAccessible(page);
      await screenshot(page, theme === "light" ? "errors-grouped" : "errors-grouped-dark");
    }
  });

  it("filters by sheet and goes to the first cell of a group", async () => {
    for (const { theme, page } of pages) {
      await page.getByRole("combobox", { name: "Sheet" }).selectOption({ label: "Chargeback (24)" });
      const groups = page.getByRole("list", { name: "Errors by reason" }).locator(":scope > li");
      await expect(groups.count()).resolves.toBe(1);
      await expect(page.getByTestId("error-count").textContent()).resolves.toBe(
        "624 cells show an error; 24 on Chargeback.",
      );
      await groups.first().getByRole("button", { name: "Go to first, Chargeback!B1" }).click();
      await page.waitForFunction('globalThis.fakeHost.selection() === "Chargeback!B1"');
      await groups.first().getByRole("button", { name: "List the 24 cells" }).click();
      await expect(
        groups
          .first()
          .getByRole("button", { name: /^Chargeback!B\d+$/ })
          .count(),
      ).resolves.toBe(24);
      await expectAccessible(page);
      await screenshot(page, theme === "light" ? "errors-sheet" : "errors-sheet-dark");
      await expect(host(page, "host.selection()")).resolves.toBe("Chargeback!B1");
    }
  });

  it("at 270 px, as Excel on Mac opens it, every tab and its count fit", async () => {
    const { page } = pages[0];
    await page.setViewportSize({ width: 270, height: 720 });
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll('[role="tab"]')]
        .filter((tab) => tab.scrollWidth > tab.clientWidth || tab.getBoundingClientRect().right > 270)
        .map((tab) => tab.textContent),
    );
    expect(overflowing).toEqual([]);
    await expect(page.getByRole("tab", { name: "Errors (624)" }).isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(270);
    expect(await violations(page)).toEqual([]);
    await screenshot(page, "errors-270");
  });
});
