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

/** The words of a refresh's message: never success when the service could not be reached. */
export function refreshOutcome(
  summary: RefreshSummary,
  reach: Reach,
  finishedAt: Date,
  now = new Date(),
): Outcome {
  const unreachable = Math.min(reach.unreachable, summary.done);
  const fromService = Math.max(0, Math.min(reach.remote, summary.done) - unreachable);
  const from =
    reach.keptFrom === undefined ? undefined : `values from ${formatClock(reach.keptFrom, now)} kept`;
  if (summary.stopped) {
    const text = `Stopped after ${summary.done.toLocaleString()} of ${plural(summary.total, "cell")}.`;
    return { intent: "warning", text, current: false };
  }
  if (unreachable > 0 && fromService === 0) {
    return {
      intent: "warning",
      text: `Service unreachable — nothing refreshed${from ? `; ${from}` : ""}.`,
      current: false,
    };
  }
  const errors = summary.errors.length > 0;
  if (unreachable > 0) {
    const refreshed = plural(summary.done - summary.skipped - unreachable, "cell");
    const missed = plural(unreachable, "cell");
    return {
      intent: "warning",
      text: `Refreshed ${refreshed}; ${missed} could not reach the service${from ? ` — ${from}` : ""}.`,
      current: true,
    };
  }
  const text = `Refreshed ${plural(summary.total, "cell")} ${formatMoment(finishedAt, now)}.`;
  return { intent: errors ? "warning" : "success", text, current: true };
}
