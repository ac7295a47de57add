import { makeStyles, tokens, type GriffelStyle } from "@fluentui/react-components";
import { useEffect, useRef, type ReactNode } from "react";

/** Children stacked top to bottom, `gap` apart. */
export function stack(gap: string): GriffelStyle {
  return { display: "flex", flexDirection: "column", gap };
}

/** A list without bullets, its items stacked `gap` apart: the panels' lists of cells and reasons. */
export function plainList(gap: string): GriffelStyle {
  return { listStyleType: "none", margin: 0, padding: 0, ...stack(gap) };
}

const useStyles = makeStyles({
  section: stack(tokens.spacingVerticalM),
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  actions: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});

export interface SectionProps {
  id: string;
  title: ReactNode;
  /** Moves the keyboard focus to the heading when the section appears in place of what had it. */
  focusOnMount?: boolean;
  children: ReactNode;
}

/** A section of a panel: its heading (h2, under the pane's h1) and its content, evenly spaced. */
export function Section({ id, title, focusOnMount = false, children }: SectionProps) {
  const styles = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h2 id={id} className={styles.heading} ref={heading} tabIndex={focusOnMount ? -1 : undefined}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A row of a section's buttons, with a spinner or a note beside them when there is one. */
export function Actions({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return <div className={styles.actions}>{children}</div>;
}
