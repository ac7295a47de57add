import type { Page } from "playwright-core";

/** What a screen reader reads out as it changes: live regions, status and alert roles. */
const LIVE = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]';

/**
 * Starts counting the changes of the page's live regions (each new text of a region is one
 * announcement); the function returned reads the count so far.
 */
export async function countAnnouncements(page: Page): Promise<() => Promise<number>> {
  await page.evaluate((live) => {
    const said = new WeakMap<Element, string>();
    const state = { count: 0 };
    (globalThis as unknown as { __announcements: typeof state }).__announcements = state;
    new MutationObserver((records) => {
      const regions = new Set<Element>();
      for (const record of records) {
        const node = record.target instanceof Element ? record.target : record.target.parentElement;
        const region = node?.closest(live);
        if (region) regions.add(region);
        for (const added of record.addedNodes) {
          if (added instanceof Element) added.querySelectorAll(live).forEach((inner) => regions.add(inner));
        }
      }
      for (const region of regions) {
        const text = region.textContent ?? "";
        if (text.trim() !== "" && said.get(region) !== text) state.count++;
        said.set(region, text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, LIVE);
  return () =>
    page.evaluate(
      () => (globalThis as unknown as { __announcements: { count: number } }).__announcements.count,
    );
}
