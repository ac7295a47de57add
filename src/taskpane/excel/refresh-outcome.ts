import { formatClock, formatMoment, plural } from "../format";
import type { RefreshSummary } from "./refresh";

/** What the cost-model cells of a refresh got: the client's counts over the run. */
export interface Reach {
  /** Cost-model cells answered (by the service, its cache, or without it). */
  remote: number;
  /** Of those, answered without reaching the service: a last known value or "not connected". */
  unreachable: number;
  /** When the values kept were answered, if any was kept. */
  keptFrom: Date | undefined;
}

export const NO_REACH: Reach = { remote: 0, unreachable: 0, keptFrom: undefined };

export interface Outcome {
  intent: "success" | "warning";
  text: string;
  /** The refresh brought the workbook up to date: its saved time moves. */
  current: boolean;
}

/** Cells that ended showing an error. */
export function errorCount(summary: RefreshSummary): number {
  return summary.errors.reduce((sum, group) => sum + group.count, 0);
}

function showAnError(count: number): string {
  return `${plural(count, "cell")} ${count === 1 ? "shows" : "show"} an error`;
}

/**
 * The words of a refresh's message, counting exactly what happened: never success when the service
 * could not be reached, never "refreshed" for cells left in error or not reached.
 */
export function refreshOutcome(
  summary: RefreshSummary,
  reach: Reach,
  finishedAt: Date,
  now = new Date(),
): Outcome {
  const unreachable = Math.min(reach.unreachable, summary.done);
  const fromService = Math.max(0, Math.min(reach.remote, summary.done) - unreachable);
  const errors = errorCount(summary);
  const from =
    reach.keptFrom === undefined ? undefined : `values from ${formatClock(reach.keptFrom, now)} kept`;
  if (summary.stopped) {
    const rest = summary.total - summary.done;
    const text =
      `Stopped after ${summary.done.toLocaleString()} of ${plural(summary.total, "cell")}: ` +
      `the other ${rest.toLocaleString()} keep their earlier values.` +
      (errors > 0 ? ` ${showAnError(errors)}.` : "");
    return { intent: "warning", text, current: false };
  }
  if (unreachable > 0 && fromService === 0) {
    // Cells with no value to keep show an error: "kept" only while some cell kept one.
    const kept = errors < summary.done ? from : undefined;
    return {
      intent: "warning",
      text:
        `Service unreachable — nothing refreshed${kept ? `; ${kept}` : ""}.` +
        (errors > 0 ? ` ${showAnError(errors)}.` : ""),
      current: false,
    };
  }
  if (unreachable > 0) {
    const refreshed = plural(summary.done - summary.skipped - unreachable, "cell");
    const missed = plural(unreachable, "cell");
    return {
      intent: "warning",
      text: `Refreshed ${refreshed}; ${missed} could not reach the service${from ? ` — ${from}` : ""}.`,
      current: true,
    };
  }
  const good = summary.done - summary.skipped - errors;
  if (good === 0 && errors > 0) {
    const which =
      errors === summary.total && errors > 1
        ? `all ${plural(errors, "cell")} show an error`
        : showAnError(errors);
    return { intent: "warning", text: `Nothing refreshed: ${which}.`, current: true };
  }
  const refreshed =
    good === summary.total
      ? plural(summary.total, "cell")
      : `${good.toLocaleString()} of ${plural(summary.total, "cell")}`;
  const text =
    `Refreshed ${refreshed} ${formatMoment(finishedAt, now)}` +
    (errors > 0 ? `; ${showAnError(errors)}.` : ".");
  return { intent: errors > 0 ? "warning" : "success", text, current: true };
}
