import type { Page } from "playwright-core";
import { violations } from "./axe";
import { PANE_WIDTH } from "./pane";

/** No axe finding of any impact, and nothing wider than the 320 px pane. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await violations(page)).toEqual([]);
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(
    PANE_WIDTH,
  );
}

/** In Bind: the tenant's only model (chosen without asking) and its v2 draft, bound. */
export async function bindDemoDraft(page: Page, model: string): Promise<void> {
  await page.getByRole("tab", { name: "Bind" }).click();
  await page.getByRole("combobox", { name: "Model" }).filter({ hasText: model }).waitFor();
  await page.getByRole("combobox", { name: /^Version/ }).click();
  await page.getByRole("option", { name: /v2 \(draft\)/ }).click();
  await page.getByRole("button", { name: "Bind workbook" }).click();
  await page.getByTestId("bound-message").waitFor();
}
