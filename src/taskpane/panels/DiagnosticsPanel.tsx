import { Badge, Button, Caption1, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { ClientDiagnostics, ClientStatus } from "../../client";
import { FactList } from "../components/FactList";
import { ProblemBar } from "../components/ProblemBar";
import { Actions, plainList, Section } from "../components/Section";
import { lastRefreshText, statusView } from "../connection-status";
import { qualifiedAddress } from "../excel/addresses";
import { selectCell } from "../excel/cells";
import { errorReason } from "../excel/error-reasons";
import { plural } from "../format";
import { problemOf } from "../service/problem";
import { useCellErrorsVersion } from "../state/use-cell-errors";
import type { PartialRefresh } from "../office/last-refresh";
import type { WorkbookErrors } from "../state/use-workbook-errors";

declare const ADDIN_VERSION: string;

const useStyles = makeStyles({
  list: plainList(tokens.spacingVerticalXS),
  item: {
    width: "100%",
    display: "grid",
    gridTemplateColumns: "1fr auto",
    alignItems: "start",
    justifyItems: "start",
    rowGap: tokens.spacingVerticalXXS,
    columnGap: tokens.spacingHorizontalS,
    textAlign: "start",
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    fontWeight: tokens.fontWeightRegular,
  },
  address: { fontWeight: tokens.fontWeightSemibold, fontFamily: tokens.fontFamilyMonospace },
  message: { gridColumn: "1 / span 2", color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
});

const SHOWN = 200;

function ErrorCells({ errors }: { errors: WorkbookErrors }) {
  const styles = useStyles();
  useCellErrorsVersion();
  const [problem, setProblem] = useState<string>();
  const cells = errors.cells ?? [];
  return (
    <>
      <Actions>
        <Button onClick={() => void errors.check()} disabled={errors.checking}>
          Check again
        </Button>
        {errors.checking && <Spinner size="tiny" label="Checking every sheet…" />}
      </Actions>
      {errors.problem !== undefined && <ProblemBar problem={errors.problem} />}
      {errors.cells !== undefined && (
        <Text size={200} role="status" data-testid="error-count">
          {cells.length === 0
            ? "No ITFM cell shows an error."
            : `${plural(cells.length, "cell")} ${cells.length === 1 ? "shows" : "show"} an error. Choose one to go to it.`}
        </Text>
      )}
      {cells.length > 0 && (
        <ul className={styles.list} aria-label="Cells in error" data-testid="error-cells">
          {cells.slice(0, SHOWN).map((cell) => {
            const address = qualifiedAddress(cell.sheet, cell.address);
            const code = String(cell.value);
            return (
              <li key={address}>
                <Button
                  className={styles.item}
                  appearance="outline"
                  onClick={() =>
                    void selectCell(cell.sheet, cell.address).then(
                      () => setProblem(undefined),
                      (error: unknown) =>
                        setProblem(`${address} cannot be selected: ${problemOf(error).message}`),
                    )
                  }
                >
                  <span className={styles.address}>{address}</span>
                  <Badge appearance="tint" color="danger" shape="rounded">
                    {code}
                  </Badge>
                  <span className={styles.message}>{errorReason(cell.sheet, cell.address, code)}</span>
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {cells.length > SHOWN && <Caption1>The first {SHOWN} are listed.</Caption1>}
      {problem !== undefined && <ProblemBar problem={problem} />}
    </>
  );
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
    [
      "This session",
      `${plural(diagnostics.cellsAnswered, "cell")} answered, ${diagnostics.answeredFromCache.toLocaleString()} from memory, ${plural(diagnostics.requestsSent, "request")}`,
    ],
    ["Add-in", `version ${typeof ADDIN_VERSION === "string" ? ADDIN_VERSION : "development"}`],
  ];
  return (
    <>
      <Section id="errors-heading" title="Cells in error">
        <ErrorCells errors={errors} />
      </Section>
      <Section id="status-heading" title="Status">
        <FactList facts={facts} data-testid="status-facts" />
      </Section>
    </>
  );
}
