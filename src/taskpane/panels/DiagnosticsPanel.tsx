import { useEffect } from "react";
import type { ClientDiagnostics, ClientStatus } from "../../client";
import { FactList } from "../components/FactList";
import { Section } from "../components/Section";
import { lastRefreshText, statusView } from "../connection-status";
import { plural } from "../format";
import type { PartialRefresh } from "../office/last-refresh";
import type { WorkbookErrors } from "../state/use-workbook-errors";
import { ErrorGroups } from "./ErrorGroups";

declare const ADDIN_VERSION: string;

/** What the cost-model cells got since the pane opened, in a controller's words. */
export function sessionCounts({ cellsAnswered, answeredFromCache, requestsSent }: ClientDiagnostics): string {
  if (cellsAnswered === 0) return "No cost-model cell has been calculated since the pane opened.";
  const again =
    answeredFromCache === 0
      ? ""
      : `, ${answeredFromCache.toLocaleString()} of them from answers already received`;
  return `${plural(cellsAnswered, "cost-model cell")} calculated${again}; ${plural(requestsSent, "call")} to the service.`;
}

export interface DiagnosticsPanelProps {
  errors: WorkbookErrors;
  status: ClientStatus;
  reachable: boolean;
  serviceUrl: string;
  lastRefresh: Date | undefined;
  partialRefresh?: PartialRefresh;
  diagnostics: ClientDiagnostics;
}

/** Diagnostics: the ITFM cells in error with why, and the state of the connection. */
export function DiagnosticsPanel({
  errors,
  status,
  reachable,
  serviceUrl,
  lastRefresh,
  partialRefresh,
  diagnostics,
}: DiagnosticsPanelProps) {
  const view = statusView(status, reachable, lastRefresh);
  const { check } = errors;
  useEffect(() => {
    void check();
  }, [check]);
  const facts: [string, string][] = [
    ["Connection", `${view.label}. ${view.detail}`],
    ...(status.state === "offline" ? ([["Reason", status.reason]] as [string, string][]) : []),
    ...(status.state === "signed-out" ? ([["Reason", status.reason]] as [string, string][]) : []),
    ["Service", serviceUrl || "not set"],
    ["Last refresh", lastRefreshText(lastRefresh, partialRefresh)],
    ["This session", sessionCounts(diagnostics)],
    ["Add-in", `version ${typeof ADDIN_VERSION === "string" ? ADDIN_VERSION : "development"}`],
  ];
  return (
    <>
      <Section id="errors-heading" title="Cells in error">
        <ErrorGroups errors={errors} />
      </Section>
      <Section id="status-heading" title="Status">
        <FactList facts={facts} data-testid="status-facts" />
      </Section>
    </>
  );
}
