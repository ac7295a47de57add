import type { ClientStatus } from "../client";
import { formatMoment, plural } from "./format";
import type { PartialRefresh } from "./office/last-refresh";

export interface StatusView {
  tone: "online" | "offline" | "signed-out";
  label: string;
  detail: string;
}

/**
 * What the pane says about the connection. The client knows from the formulas' requests; the
 * pane's own calls (the account check) also tell when the service does not answer.
 */
export function statusView(
  client: ClientStatus,
  paneReachable: boolean,
  lastRefresh: Date | undefined,
  now = new Date(),
): StatusView {
  if (client.state === "signed-out")
    return {
      tone: "signed-out",
      label: "Signed out",
      detail: "Sign in to bring the cost model's numbers into this workbook.",
    };
  if (client.state === "offline" || !paneReachable) {
    const asOf = client.state === "offline" && client.valuesAsOf !== null ? client.valuesAsOf : lastRefresh;
    const detail =
      asOf === undefined
        ? "The service does not answer; cells keep the values they show."
        : `Showing values as of ${formatMoment(asOf, now)}.`;
    return { tone: "offline", label: "Offline", detail };
  }
  return { tone: "online", label: "Online", detail: "Cells answer from the cost-model service." };
}

/** When the workbook was last refreshed, saying so when the latest refresh was stopped part way. */
export function lastRefreshText(
  lastRefresh: Date | undefined,
  partial: PartialRefresh | undefined,
  now = new Date(),
): string {
  if (partial !== undefined && (lastRefresh === undefined || partial.at > lastRefresh)) {
    const part = `${partial.done.toLocaleString()} of ${plural(partial.total, "cell")}`;
    return `Partly refreshed ${formatMoment(partial.at, now)} (${part})`;
  }
  return lastRefresh === undefined ? "Not refreshed yet" : `Refreshed ${formatMoment(lastRefresh, now)}`;
}
