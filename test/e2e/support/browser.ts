import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The flags of every browser test: headless, sandbox off (containers), nothing run in the background. */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Whether the browser tests can run here. Without Chromium they fail on CI (set CI) with the reason,
 * and are skipped elsewhere with a warning.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const reason = `Chromium is not installed at ${CHROMIUM} (Debian package "chromium"; scripts/install-system-packages.sh installs it)`;
  if (process.env.CI) throw new Error(`The task pane's browser tests cannot run: ${reason}`);
  console.warn(`Skipping the task pane's browser tests: ${reason}`);
  return false;
}

/** Headless Chromium with a fresh profile (Playwright gives every launch its own user-data-dir). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}
