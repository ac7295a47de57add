import { Badge, Caption1, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { ClientStatus, WorkbookBinding } from "../../client";
import type { Me } from "../../contract/api";
import { lastRefreshText, statusView } from "../connection-status";
import type { PartialRefresh } from "../office/last-refresh";
import type { Health } from "../state/use-health";
import { bindingLabel } from "./binding-label";
import { TryAgain } from "./TryAgain";

const useStyles = makeStyles({
  header: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    paddingBlock: tokens.spacingVerticalM,
    paddingInline: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  titleRow: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  status: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  line: {
    color: tokens.colorNeutralForeground2,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
  // How far a stopped refresh got is worth a second line at 320 px rather than an ellipsis.
  refreshLine: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
});

const BADGE_COLOR = { online: "success", offline: "warning", "signed-out": "informative" } as const;

export interface StatusHeaderProps {
  status: ClientStatus;
  reachable: boolean;
  binding: WorkbookBinding | undefined;
  lastRefresh: Date | undefined;
  partialRefresh?: PartialRefresh;
  account: Me | undefined;
  /** The background check: Try again while offline. */
  health?: Health;
  /** The version "latest published" is now, when known. */
  latestLabel?: string;
}

/** Title, connection status and what the workbook shows: always in view, whatever the section. */
export function StatusHeader({
  status,
  reachable,
  binding,
  lastRefresh,
  partialRefresh,
  account,
  health,
  latestLabel,
}: StatusHeaderProps) {
  const styles = useStyles();
  const view = statusView(status, reachable, lastRefresh);
  return (
    <header className={styles.header}>
      <div className={styles.titleRow}>
        <h1 className={styles.title}>ITFM for Excel</h1>
        <div className={styles.status}>
          {view.tone === "offline" && health !== undefined && (
            <TryAgain health={health} appearance="outline" />
          )}
          <Badge
            appearance="tint"
            color={BADGE_COLOR[view.tone]}
            shape="rounded"
            data-testid="connection-status"
          >
            {view.label}
          </Badge>
        </div>
      </div>
      <Text size={200} className={styles.line} data-testid="binding-summary">
        {binding === undefined ? "Workbook not bound to a cost model" : bindingLabel(binding, latestLabel)}
      </Text>
      <Caption1 className={styles.refreshLine} data-testid="last-refresh">
        {view.tone === "offline" ? view.detail : lastRefreshText(lastRefresh, partialRefresh)}
        {account !== undefined && view.tone !== "offline" ? ` · ${account.user.name}` : ""}
      </Caption1>
    </header>
  );
}
