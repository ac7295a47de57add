import path from "node:path";
import type { Page } from "playwright-core";

const AXE = path.resolve(__dirname, "../../../node_modules/axe-core/axe.min.js");

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Findings axe leaves for review that are defects here all the same: a label on an element that
 * cannot carry one (never announced), and aria-labelledby naming an id that is not there.
 */
const REVIEWED_AS_DEFECTS = new Set(["aria-prohibited-attr", "aria-valid-attr-value"]);

/** axe-core's findings on the page as it is now, of `impacts` (default: any), one line each. */
export async function violations(page: Page, impacts?: readonly string[]): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.addScriptTag({ path: AXE });
  // Colours are judged at rest, not halfway through a fade-in.
  // An animation cancelled meanwhile (its element gone) rejects its promise: settled is enough.
  await page.evaluate(() =>
    Promise.allSettled(document.getAnimations().map((animation) => animation.finished)),
  );
  // Fluent's focus manager (tabster) puts aria-hidden sentinels at the edges of focus groups that
  // pass focus straight on; they are never a stop for keyboard or screen reader, so axe skips them.
  const run = `axe.run({ include: [document], exclude: [["[data-tabster-dummy]"]] })`;
  const results = (await page.evaluate(run)) as { violations: Violation[]; incomplete: Violation[] };
  const found = [...results.violations, ...results.incomplete.filter((v) => REVIEWED_AS_DEFECTS.has(v.id))];
  return found
    .filter((v) => impacts === undefined || impacts.includes(v.impact ?? ""))
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`).join(", ")})`,
    );
}
