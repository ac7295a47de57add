import {
  Badge,
  Button,
  Caption1,
  Field,
  makeStyles,
  Select,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { ProblemBar } from "../components/ProblemBar";
import { Actions, plainList } from "../components/Section";
import { qualifiedAddress } from "../excel/addresses";
import { selectCell } from "../excel/cells";
import { countBySheet, groupByReason, type CellGroup } from "../excel/error-groups";
import { errorReason } from "../excel/error-reasons";
import type { ItfmCell } from "../excel/scan";
import { plural } from "../format";
import { problemOf } from "../service/problem";
import { useCellErrorsVersion } from "../state/use-cell-errors";
import type { WorkbookErrors } from "../state/use-workbook-errors";

const useStyles = makeStyles({
  groups: plainList(tokens.spacingVerticalS),
  group: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  reason: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalS },
  reasonText: { overflowWrap: "anywhere" },
  groupActions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  cells: { ...plainList(tokens.spacingVerticalXXS), flexDirection: "row", flexWrap: "wrap" },
  address: { fontFamily: tokens.fontFamilyMonospace },
});

/** Cells listed per step when a group is opened: a group of thousands never fills the pane at once. */
export const CELLS_PER_STEP = 60;
const ALL_SHEETS = "";

const reasonOf = (cell: ItfmCell) => errorReason(cell.sheet, cell.address, String(cell.value));

function Group({ group, onGoTo }: { group: CellGroup; onGoTo(cell: ItfmCell): void }) {
  const styles = useStyles();
  const [shown, setShown] = useState(0);
  const count = group.cells.length;
  const first = group.cells[0];
  const firstAddress = qualifiedAddress(first.sheet, first.address);
  const more = Math.min(CELLS_PER_STEP, count - shown);
  return (
    <li className={styles.group}>
      <div className={styles.reason}>
        <Badge appearance="tint" color="danger" shape="rounded">
          {count.toLocaleString()}
        </Badge>
        <Text size={200} className={styles.reasonText}>
          <strong>{group.code}</strong> {group.reason}
        </Text>
      </div>
      <div className={styles.groupActions}>
        <Button size="small" onClick={() => onGoTo(first)}>
          {/* One text run: a flex item's trailing space would be dropped before the address. */}
          <span>
            {count === 1 ? "Go to " : "Go to first, "}
            <span className={styles.address}>{firstAddress}</span>
          </span>
        </Button>
        {count > 1 && shown === 0 && (
          <Button size="small" appearance="subtle" aria-expanded={false} onClick={() => setShown(more)}>
            List the {plural(count, "cell")}
          </Button>
        )}
        {shown > 0 && (
          <Button size="small" appearance="subtle" aria-expanded onClick={() => setShown(0)}>
            Hide the list
          </Button>
        )}
      </div>
      {shown > 0 && (
        <>
          <ul className={styles.cells} aria-label={`Cells showing ${group.code}: ${group.reason}`}>
            {group.cells.slice(0, shown).map((cell) => (
              <li key={qualifiedAddress(cell.sheet, cell.address)}>
                <Button
                  size="small"
                  appearance="transparent"
                  className={styles.address}
                  onClick={() => onGoTo(cell)}
                >
                  {qualifiedAddress(cell.sheet, cell.address)}
                </Button>
              </li>
            ))}
          </ul>
          {shown < count && (
            <Actions>
              <Button size="small" onClick={() => setShown(shown + Math.min(CELLS_PER_STEP, count - shown))}>
                Show {Math.min(CELLS_PER_STEP, count - shown).toLocaleString()} more
              </Button>
              <Caption1>
                {shown.toLocaleString()} of {count.toLocaleString()} listed
              </Caption1>
            </Actions>
          )}
        </>
      )}
    </li>
  );
}

function countText(all: number, sheet: string, shown: number, reasons: number): string {
  const total = `${plural(all, "cell")} ${all === 1 ? "shows" : "show"} an error`;
  const why = reasons > 1 ? `, for ${reasons} reasons` : "";
  return sheet === ALL_SHEETS ? `${total}${why}.` : `${total}; ${shown.toLocaleString()} on ${sheet}${why}.`;
}

/** The ITFM cells in error, grouped by reason with counts, filtered by sheet, each group a step from its cells. */
export function ErrorGroups({ errors }: { errors: WorkbookErrors }) {
  const styles = useStyles();
  // A formula's recorded message is its reason: a new one regroups the cells.
  const messages = useCellErrorsVersion();
  const [problem, setProblem] = useState<string>();
  const [sheet, setSheet] = useState(ALL_SHEETS);
  const cells = useMemo(() => errors.cells ?? [], [errors.cells]);
  const sheets = useMemo(() => countBySheet(cells), [cells]);
  const chosen = sheets.some(([name]) => name === sheet) ? sheet : ALL_SHEETS;
  const shown = useMemo(
    () => (chosen === ALL_SHEETS ? cells : cells.filter((cell) => cell.sheet === chosen)),
    [cells, chosen],
  );
  const groups = useMemo(() => groupByReason(shown, reasonOf), [shown, messages]);
  const goTo = (cell: ItfmCell) => {
    const address = qualifiedAddress(cell.sheet, cell.address);
    void selectCell(cell.sheet, cell.address).then(
      () => setProblem(undefined),
      (error: unknown) => setProblem(`${address} cannot be selected: ${problemOf(error).message}`),
    );
  };
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
            : countText(cells.length, chosen, shown.length, groups.length)}
        </Text>
      )}
      {sheets.length > 1 && (
        <Field label="Sheet">
          <Select value={chosen} onChange={(_, data) => setSheet(data.value)} data-testid="error-sheet">
            <option value={ALL_SHEETS}>All sheets ({cells.length.toLocaleString()})</option>
            {sheets.map(([name, count]) => (
              <option key={name} value={name}>
                {name} ({count.toLocaleString()})
              </option>
            ))}
          </Select>
        </Field>
      )}
      {groups.length > 0 && (
        <ul className={styles.groups} aria-label="Errors by reason" data-testid="error-groups">
          {groups.map((group) => (
            <Group key={`${chosen}\u0000${group.code}\u0000${group.reason}`} group={group} onGoTo={goTo} />
          ))}
        </ul>
      )}
      {problem !== undefined && <ProblemBar problem={problem} />}
    </>
  );
}
