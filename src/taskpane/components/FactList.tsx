import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { Fragment, type ReactNode } from "react";

const useStyles = makeStyles({
  list: {
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  boxed: {
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: "anywhere" },
});

export interface FactListProps {
  facts: readonly (readonly [string, ReactNode])[];
  /** On a card of its own, set off from the panel. */
  boxed?: boolean;
  "aria-label"?: string;
  "data-testid"?: string;
}

/** Terms and their values side by side: who is signed in, the state of the connection. */
export function FactList({ facts, boxed = false, ...labels }: FactListProps) {
  const styles = useStyles();
  return (
    <dl className={mergeClasses(styles.list, boxed && styles.boxed)} {...labels}>
      {facts.map(([term, value]) => (
        <Fragment key={term}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value}>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
