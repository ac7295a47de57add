import { Badge, Button, Caption1, makeStyles, SearchBox, Text, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import type { CostModelClient, WorkbookBinding } from "../../client";
import { OutcomeMessage, type Outcome } from "../components/OutcomeMessage";
import { plainList, Section, stack } from "../components/Section";
import { writeToActiveCell } from "../excel/cells";
import { FORMULA_GROUPS, FORMULAS, isRemote, type FormulaSpec } from "../../contract/formulas";
import { searchFormulas } from "../formulas/search";
import { FormulaBuilder } from "./FormulaBuilder";

const useStyles = makeStyles({
  group: stack(tokens.spacingVerticalS),
  groupHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
    textTransform: "uppercase",
    letterSpacing: "0.04em",
  },
  list: plainList(tokens.spacingVerticalS),
  card: {
    ...stack(tokens.spacingVerticalXS),
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  cardTitle: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  name: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    fontFamily: tokens.fontFamilyMonospace,
  },
  example: {
    margin: 0,
    paddingBlock: tokens.spacingVerticalXS,
    paddingInline: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
  note: { color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalXS },
  search: { maxWidth: "100%" },
});

interface CardProps {
  entry: FormulaSpec;
  /** Back from this formula's builder: the keyboard focus returns to its Build button. */
  returnedTo: boolean;
  onBuild(): void;
  onInserted(text: string, ok: boolean): void;
}

function FormulaCard({ entry, returnedTo, onBuild, onInserted }: CardProps) {
  const styles = useStyles();
  const build = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (returnedTo) build.current?.focus();
  }, [returnedTo]);
  const headingId = `formula-${entry.name}`;
  const insertExample = () =>
    writeToActiveCell(() => entry.example).then(
      (address) => onInserted(`${entry.example} inserted into ${address}.`, true),
      (error: unknown) =>
        onInserted(
          `The example could not be written: ${error instanceof Error ? error.message : String(error)}`,
          false,
        ),
    );
  return (
    <li className={styles.card} data-testid={`formula-${entry.name}`}>
      <div className={styles.cardTitle}>
        <h4 id={headingId} className={styles.name}>
          {entry.name}
        </h4>
        <Badge
          appearance="outline"
          color={isRemote(entry) ? "brand" : "informative"}
          shape="rounded"
          size="small"
        >
          {isRemote(entry) ? "From the cost model" : "Calculated in Excel"}
        </Badge>
      </div>
      <Text size={200}>{entry.summary}</Text>
      <code className={styles.example}>{entry.example}</code>
      <Caption1 className={styles.note}>{entry.exampleNote}</Caption1>
      <div className={styles.actions}>
        <Button ref={build} size="small" onClick={onBuild} aria-label={`Build: ${entry.name}`}>
          Build
        </Button>
        <Button
          size="small"
          appearance="subtle"
          onClick={() => void insertExample()}
          aria-label={`Insert example: ${entry.name}`}
        >
          Insert example
        </Button>
      </div>
    </li>
  );
}

export interface InsertPanelProps {
  client: CostModelClient;
  binding: WorkbookBinding | undefined;
  signedIn: boolean;
}

/** Insert: the gallery of every ITFM formula, and a builder that writes one into the active cell. */
export function InsertPanel({ client, binding, signedIn }: InsertPanelProps) {
  const styles = useStyles();
  const [search, setSearch] = useState("");
  const [building, setBuilding] = useState<FormulaSpec>();
  const [builtLast, setBuiltLast] = useState<string>();
  const [inserted, setInserted] = useState<Outcome>();
  // Browsing shows the formulas by group; a search shows one list, the best match first.
  const groups = useMemo(() => {
    if (search.trim() !== "") {
      const found = searchFormulas(FORMULAS, search);
      return found.length === 0 ? [] : [{ group: "Matching formulas", entries: found }];
    }
    return FORMULA_GROUPS.map((group) => ({
      group: group as string,
      entries: FORMULAS.filter((entry) => entry.group === group),
    }));
  }, [search]);

  if (building !== undefined) {
    return (
      <FormulaBuilder
        entry={building}
        client={client}
        binding={signedIn ? binding : undefined}
        onBack={() => {
          setBuiltLast(building.name);
          setBuilding(undefined);
        }}
      />
    );
  }

  return (
    <Section id="insert-heading" title="Insert a formula">
      <SearchBox
        className={styles.search}
        aria-label="Search formulas"
        placeholder="Search, e.g. allocate, rate, npv"
        value={search}
        onChange={(_e, data) => setSearch(data.value)}
      />
      <OutcomeMessage outcome={inserted} />
      {groups.length === 0 && <Text size={200}>No formula matches “{search}”.</Text>}
      {groups.map(({ group, entries }) => (
        <div key={group} className={styles.group}>
          <h3 className={styles.groupHeading}>{group}</h3>
          <ul className={styles.list}>
            {entries.map((entry) => (
              <FormulaCard
                key={entry.name}
                entry={entry}
                returnedTo={entry.name === builtLast}
                onBuild={() => setBuilding(entry)}
                onInserted={(text, ok) => setInserted({ text, ok })}
              />
            ))}
          </ul>
        </div>
      ))}
    </Section>
  );
}
