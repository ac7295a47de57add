import { makeStyles, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import type { ImportRowError, ImportWarning } from "../../contract/imports";
import { DetailsDisclosure, ProblemBar, sentence } from "../components/ProblemBar";
import { plainList } from "../components/Section";
import { plural } from "../format";
import type { ImportRun } from "../state/use-import";
import { Notice } from "../components/Notice";

/** Problems listed in the pane; the service lists up to 1,000. */
export const SHOWN_PROBLEMS = 50;

const useStyles = makeStyles({
  problems: { ...plainList(tokens.spacingVerticalXS), marginBlock: tokens.spacingVerticalS },
  problem: { overflowWrap: "anywhere" },
});

const WHAT: Record<string, [string, string]> = {
  cost_lines: ["cost line", "cost lines"],
  driver_quantities: ["driver quantity", "driver quantities"],
};

function successText(run: Extract<ImportRun, { phase: "done" }>): string {
  const { result, request } = run;
  const [one, many] = WHAT[result.kind] ?? WHAT.cost_lines;
  const count = result.kind === "driver_quantities" ? result.driverQuantities : result.costLines;
  const from = result.kind === "focus" ? " from the cloud bill" : "";
  const added = result.newMembers > 0 ? ` (${plural(result.newMembers, "new consumer")})` : "";
  return `Imported ${plural(count, one, many)}${from} into ${request.versionLabel}${added}.`;
}

function where(problem: ImportRowError): string {
  const place = problem.row === 0 ? "The file" : `Row ${problem.row.toLocaleString()}`;
  return problem.column === "" ? place : `${place}, ${problem.column}`;
}

function ProblemList({
  problems,
  rowsWithErrors,
}: {
  problems: readonly ImportRowError[];
  rowsWithErrors: number;
}) {
  const styles = useStyles();
  const shown = problems.slice(0, SHOWN_PROBLEMS);
  const rowsShown = new Set(shown.map((p) => p.row)).size;
  const more = rowsWithErrors - rowsShown;
  if (shown.length === 0) return null;
  return (
    <>
      <ul className={styles.problems} aria-label="Problems in the file" data-testid="import-problems">
        {shown.map((p, i) => (
          <li key={`${p.row} ${p.column} ${i}`} className={styles.problem}>
            <Text size={200}>
              <strong>{where(p)}:</strong> {p.reason}
            </Text>
          </li>
        ))}
      </ul>
      {more > 0 && (
        <Text size={200} data-testid="import-more-problems">
          …and {plural(more, "more row", "more rows")} with problems.
        </Text>
      )}
    </>
  );
}

/** What a warning says in the pane; a technical remedy (a setting of the API) goes behind Details. */
function warningText(warning: ImportWarning): { text: string; details?: string } {
  if (warning.code === "months_outside") {
    return {
      text:
        "The cloud bill's months all fall outside the months this version holds, so its cost sits in " +
        "months no report of the version shows. Check that this is the bill you meant.",
      details: sentence(warning.message),
    };
  }
  return { text: sentence(warning.message) };
}

/** What the import brought in that the allocation will refuse: the draft cannot be published as it is. */
function ImportWarnings({ warnings }: { warnings: readonly ImportWarning[] }) {
  const styles = useStyles();
  if (warnings.length === 0) return null;
  const allocation = warnings.some((w) => w.code !== "months_outside");
  return (
    <Notice intent="warning" layout="multiline" data-testid="import-warnings">
      <MessageBarBody>
        <span role="status">
          {allocation
            ? "Before this draft can be published:"
            : "Look at this before you rely on the figures:"}
        </span>
        <ul className={styles.problems} aria-label="What to look at">
          {warnings.map((warning) => {
            const { text, details } = warningText(warning);
            return (
              <li key={`${warning.code} ${warning.message}`} className={styles.problem}>
                <Text size={200}>{text}</Text>
                {details !== undefined && <DetailsDisclosure details={details} />}
              </li>
            );
          })}
        </ul>
      </MessageBarBody>
    </Notice>
  );
}

/** What became of the import: what it added, or why nothing was imported and which rows to correct. */
export function ImportOutcome({ run }: { run: ImportRun }) {
  switch (run.phase) {
    case "done":
      return (
        <>
          <Notice intent="success" role="status" data-testid="import-success">
            <MessageBarBody>{successText(run)}</MessageBarBody>
          </Notice>
          <ImportWarnings warnings={run.result.warnings} />
        </>
      );
    case "refused": {
      const rows =
        run.rowsWithErrors === 1
          ? "1 row has problems"
          : `${plural(run.rowsWithErrors, "row")} have problems`;
      return (
        <Notice intent="error" layout="multiline" data-testid="import-refused">
          <MessageBarBody>
            {/* Announced alone: the list is there to read, not to be read out. */}
            <span role="alert">Nothing was imported: {rows}.</span>
            <ProblemList problems={run.problems} rowsWithErrors={run.rowsWithErrors} />
            {run.details !== undefined && <DetailsDisclosure details={run.details} />}
          </MessageBarBody>
        </Notice>
      );
    }
    case "failed":
      return <ProblemBar problem={run.problem} role="alert" />;
    default:
      return null;
  }
}
