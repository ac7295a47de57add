import {
  FluentProvider,
  makeStyles,
  Tab,
  TabList,
  tokens,
  type SelectTabData,
  type Theme,
} from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { CostModelClient } from "../client";
import { StatusHeader } from "./components/StatusHeader";
import { BindPanel } from "./panels/BindPanel";
import { ConnectPanel } from "./panels/ConnectPanel";
import { DiagnosticsPanel } from "./panels/DiagnosticsPanel";
import { ImportPanel } from "./panels/ImportPanel";
import { InsertPanel } from "./panels/InsertPanel";
import { RefreshPanel } from "./panels/RefreshPanel";
import type { RefreshSummary } from "./excel/refresh";
import { useBinding } from "./state/use-binding";
import { useClientStatus } from "./state/use-client-status";
import { useHealth } from "./state/use-health";
import { useImport } from "./state/use-import";
import { useLatestLabel } from "./state/use-latest-label";
import { useRefresh } from "./state/use-refresh";
import { useSession } from "./state/use-session";
import { useWorkbookErrors } from "./state/use-workbook-errors";

export type Section = "connect" | "bind" | "refresh" | "insert" | "import" | "diagnostics";

const SECTIONS: { value: Section; label: string }[] = [
  { value: "connect", label: "Connect" },
  { value: "bind", label: "Bind" },
  { value: "refresh", label: "Refresh" },
  { value: "insert", label: "Insert" },
  { value: "import", label: "Import" },
  { value: "diagnostics", label: "Errors" },
];

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    display: "flex",
    flexDirection: "column",
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  // At 270 px (Excel on Mac) the six tabs wrap to a second row rather than run out of the pane.
  tabs: {
    flexWrap: "wrap",
    paddingInline: tokens.spacingHorizontalXS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  // Six sections side by side in a 320 px pane, whatever the font.
  tab: { minWidth: "0", paddingInline: tokens.spacingHorizontalXS },
  tabLabel: { fontSize: tokens.fontSizeBase200 },
  // The sections and their tabs are the pane's main content; the status header is its banner.
  main: { flexGrow: 1, display: "flex", flexDirection: "column" },
  panel: {
    flexGrow: 1,
    paddingBlock: tokens.spacingVerticalL,
    paddingInline: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
  },
});

export interface AppProps {
  client: CostModelClient;
  theme: Theme;
  /** The origin that serves the add-in: the default service. */
  origin: string | undefined;
}

export function App({ client, theme, origin }: AppProps) {
  const styles = useStyles();
  const binding = useBinding(client);
  const session = useSession(
    client,
    binding.loaded ? (binding.binding?.serviceUrl ?? origin ?? "") : undefined,
  );
  const status = useClientStatus(client);
  const offline = status.state === "offline" || !session.reachable;
  const health = useHealth(client, session, offline);
  const errors = useWorkbookErrors();
  const { take, check } = errors;
  const onRefreshed = useCallback(
    (summary: RefreshSummary) => (summary.stopped ? void check() : take(summary.cells)),
    [check, take],
  );
  const refresh = useRefresh(client, onRefreshed);
  const importer = useImport(client, session.serviceUrl);
  const [section, setSection] = useState<Section>("connect");
  const latestLabel = useLatestLabel(
    client,
    binding.binding,
    session.serviceUrl,
    session.phase === "signed-in",
    refresh.lastRefresh,
  );

  // A returning user lands where the work is: signed in and bound, that is Refresh.
  useEffect(() => {
    if (session.phase === "signed-in" && binding.binding !== undefined)
      setSection((s) => (s === "connect" ? "refresh" : s));
  }, [session.phase, binding.binding]);

  // The formulas reached the service again: the pane's own view of it follows.
  const { reachable, recheck } = session;
  useEffect(() => {
    if (status.state === "online" && !reachable) void recheck();
  }, [status, reachable, recheck]);

  const refreshNow = useCallback(() => {
    setSection("refresh");
    void refresh.start();
  }, [refresh]);

  return (
    // The layout lives on an inner element: Fluent copies the provider's classes onto its portals.
    <FluentProvider theme={theme}>
      <div className={styles.root}>
        <StatusHeader
          status={status}
          reachable={session.reachable}
          binding={binding.binding}
          lastRefresh={refresh.lastRefresh}
          partialRefresh={refresh.partialRefresh}
          account={session.account}
          health={health}
          latestLabel={latestLabel}
        />
        <main className={styles.main}>
          <TabList
            className={styles.tabs}
            size="small"
            selectedValue={section}
            onTabSelect={(_event, data: SelectTabData) => setSection(data.value as Section)}
            aria-label="Task pane sections"
          >
            {SECTIONS.map(({ value, label }) => (
              <Tab
                key={value}
                className={styles.tab}
                value={value}
                id={`tab-${value}`}
                aria-controls={`panel-${value}`}
                content={{ className: styles.tabLabel }}
              >
                {label}
                {value === "diagnostics" && errors.cells !== undefined && errors.cells.length > 0
                  ? ` (${errors.cells.length})`
                  : ""}
              </Tab>
            ))}
          </TabList>
          <div
            className={styles.panel}
            role="tabpanel"
            id={`panel-${section}`}
            aria-labelledby={`tab-${section}`}
          >
            {section === "connect" && (
              <ConnectPanel
                session={session}
                offline={offline}
                health={health}
                bound={binding.binding !== undefined}
                onBind={() => setSection("bind")}
              />
            )}
            {section === "bind" && (
              <BindPanel
                client={client}
                session={session}
                binding={binding}
                origin={origin}
                offline={offline}
                onRefresh={refreshNow}
                onSignIn={() => setSection("connect")}
              />
            )}
            {section === "refresh" && (
              <RefreshPanel
                refresh={refresh}
                signedIn={session.phase === "signed-in"}
                bound={binding.binding !== undefined}
                onShowErrors={() => setSection("diagnostics")}
                onGo={setSection}
              />
            )}
            {section === "insert" && (
              <InsertPanel
                client={client}
                binding={binding.binding}
                signedIn={session.phase === "signed-in"}
              />
            )}
            {section === "import" && (
              <ImportPanel
                client={client}
                session={session}
                binding={binding.binding}
                importer={importer}
                onGo={setSection}
              />
            )}
            {section === "diagnostics" && (
              <DiagnosticsPanel
                errors={errors}
                status={status}
                reachable={session.reachable}
                serviceUrl={session.serviceUrl}
                lastRefresh={refresh.lastRefresh}
                partialRefresh={refresh.partialRefresh}
                diagnostics={client.getDiagnostics()}
              />
            )}
          </div>
        </main>
      </div>
    </FluentProvider>
  );
}
