import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

const ROOT = path.resolve(__dirname, "../../..");

/**
 * Where the pictures go: test-output/screenshots (ignored by git), so that a test run never rewrites
 * tracked files. `npm run screenshots` sets ITFM_SCREENSHOTS_DIR=docs/screenshots to renew the tour.
 */
export const SCREENSHOTS = path.resolve(ROOT, process.env.ITFM_SCREENSHOTS_DIR ?? "test-output/screenshots");

/** Writes <state>.png: the pane at its 320 px width, whole unless `fullPage` is false. */
export async function screenshot(
  page: Page,
  state: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Transitions (message bars, progress) come to rest first, so that the picture shows the state alone.
  // Endless ones (a spinner) are left to the "disabled" option, which stops them for the picture.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime ?? 0))
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  await page.screenshot({
    path: path.join(SCREENSHOTS, `${state}.png`),
    fullPage: options.fullPage ?? true,
    animations: "disabled",
    caret: "hide",
  });
}
