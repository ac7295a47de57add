import {
  Badge,
  Button,
  Field,
  Link,
  makeStyles,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { NextStep } from "../components/NextStep";
import { ProblemBar } from "../components/ProblemBar";
import { Actions, plainList, Section } from "../components/Section";
import type { RefreshSummary } from "../excel/refresh";
import { errorCount, NO_REACH, refreshOutcome, type Reach } from "../excel/refresh-outcome";
import { plural } from "../format";
import type { Refresh } from "../state/use-refresh";
import { Notice } from "../components/Notice";

const useStyles = makeStyles({
  figures: {
    display: "grid",
    gridTemplateColumns: "repeat(3, 1fr)",
    gap: tokens.spacingHorizontalS,
    margin: 0,
  },
  figure: {
    display: "flex",
    flexDirection: "column-reverse",
    alignItems: "flex-start",
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  figureLabel: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  figureValue: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: "tabular-nums",
  },
  reasons: plainList(tokens.spacingVerticalS),
  reason: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalS },
  reasonText: { overflowWrap: "anywhere" },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

function Figures({ summary }: { summary: RefreshSummary }) {
  const styles = useStyles();
  const figures: [string, number][] = [
    ["Updated", summary.updated],
    ["Unchanged", summary.unchanged],
    ["Errors", errorCount(summary)],
  ];
  return (
    <dl className={styles.figures} data-testid="refresh-summary">
      {figures.map(([label, value]) => (
        <div key={label} className={styles.figure}>
          <dt className={styles.figureLabel}>{label}</dt>
          <dd className={styles.figureValue}>{value.toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}

function Summary({
  summary,
  finishedAt,
  reach,
  onShowErrors,
  onGo,
}: {
  summary: RefreshSummary;
  finishedAt: Date;
  reach: Reach;
  onShowErrors(): void;
  onGo: RefreshPanelProps["onGo"];
}) {
  const styles = useStyles();
  if (summary.total === 0) {
    return (
      <Notice intent="info" data-testid="refresh-outcome">
        <MessageBarBody>Nothing to refresh: this workbook has no ITFM formulas yet.</MessageBarBody>
        <MessageBarActions>
          <Button onClick={() => onGo("insert")}>Insert a formula</Button>
        </MessageBarActions>
      </Notice>
    );
  }
  const outcome = refreshOutcome(summary, reach, finishedAt);
  return (
    <>
      <Notice intent={outcome.intent} role="status" data-testid="refresh-outcome">
        <MessageBarBody>{outcome.text}</MessageBarBody>
      </Notice>
      <Figures summary={summary} />
      {summary.skipped > 0 && (
        <Text size={200} data-testid="refresh-skipped">
          {summary.skipped === 1
            ? "1 cell was changed while the refresh ran: it was left as changed."
            : `${plural(summary.skipped, "cell")} were changed while the refresh ran: they were left as changed.`}
        </Text>
      )}
      {summary.errors.length > 0 && (
        <>
          <h3 className={styles.subheading}>Errors by reason</h3>
          <ul className={styles.reasons} data-testid="error-reasons">
            {summary.errors.slice(0, 8).map((group) => (
              <li key={`${group.code} ${group.reason}`} className={styles.reason}>
                <Badge appearance="tint" color="danger" shape="rounded">
                  {group.count.toLocaleString()}
                </Badge>
                <Text size={200} className={styles.reasonText}>
                  <strong>{group.code}</strong> {group.reason}
                </Text>
              </li>
            ))}
          </ul>
          <Link as="button" onClick={onShowErrors}>
            Show the cells in error
          </Link>
        </>
      )}
    </>
  );
}

export interface RefreshPanelProps {
  refresh: Refresh;
  signedIn: boolean;
  bound: boolean;
  onShowErrors(): void;
  /** The next step the panel offers: sign in, bind, or insert a first formula. */
  onGo(section: "connect" | "bind" | "insert"): void;
}

/** What cost-model cells still need before a refresh can bring their numbers. */
function RefreshNeeds({ signedIn, onGo }: Pick<RefreshPanelProps, "signedIn" | "onGo">) {
  return (
    <NextStep
      data-testid="refresh-next-step"
      text={
        signedIn
          ? "Cost-model formulas need a binding: choose the model, version and scenario this workbook shows."
          : "Cost-model formulas need you signed in and the workbook bound to a model. Formulas calculated in Excel refresh without."
      }
      action={
        signedIn
          ? { label: "Bind this workbook", onClick: () => onGo("bind") }
          : { label: "Sign in", onClick: () => onGo("connect") }
      }
    />
  );
}

/** Refresh: recalculates every ITFM formula of the workbook, with progress, Stop and a summary. */
export function RefreshPanel({ refresh, signedIn, bound, onShowErrors, onGo }: RefreshPanelProps) {
  const { run } = refresh;
  const busy = run.phase === "scanning" || run.phase === "running";
  const ready = signedIn && bound;
  return (
    <Section id="refresh-heading" title="Refresh the workbook">
      <Text size={200}>
        Recalculates every ITFM formula on every sheet: cost-model numbers are asked again, local calculations
        redone.
      </Text>
      {!ready && <RefreshNeeds signedIn={signedIn} onGo={onGo} />}
      {run.phase === "scanning" && (
        <Spinner size="tiny" label="Finding ITFM cells on every sheet…" labelPosition="after" />
      )}
      {run.phase === "running" && (
        <Field
          label="Recalculating ITFM cells"
          validationState="none"
          validationMessage={
            // Not a live region: announced after every batch, it would be read out dozens of times.
            // The bar carries the value; the outcome is announced once at the end.
            <span data-testid="refresh-progress">
              {run.progress.done.toLocaleString()} of {plural(run.progress.total, "cell")}
              {run.stopping ? " · stopping after this batch" : ""}
            </span>
          }
        >
          <ProgressBar
            value={run.progress.total === 0 ? 0 : run.progress.done / run.progress.total}
            thickness="large"
          />
        </Field>
      )}
      <Actions>
        {busy ? (
          <Button onClick={refresh.stop} disabled={run.phase === "running" && run.stopping}>
            Stop
          </Button>
        ) : (
          <Button appearance={ready ? "primary" : "secondary"} onClick={() => void refresh.start()}>
            Refresh workbook
          </Button>
        )}
      </Actions>
      {run.phase === "done" && (
        <Summary
          summary={run.summary}
          finishedAt={run.finishedAt}
          reach={run.reach ?? NO_REACH}
          onShowErrors={onShowErrors}
          onGo={onGo}
        />
      )}
      {run.phase === "failed" && <ProblemBar problem={`The refresh failed: ${run.message}`} role="alert" />}
    </Section>
  );
}
