import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

export const SCREENSHOTS = path.resolve(__dirname, "../../../docs/screenshots");

/** Writes docs/screenshots/<state>.png: the pane at its 320 px width, whole unless `fullPage` is false. */
export async function screenshot(
  page: Page,
  state: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Let transitions (message bars, progress) come to rest so that the picture shows the state alone.
  await page.waitForTimeout(300);
  await page.screenshot({
    path: path.join(SCREENSHOTS, `${state}.png`),
    fullPage: options.fullPage ?? true,
    animations: "disabled",
    caret: "hide",
  });
}
