import {
  Button,
  Caption1,
  makeStyles,
  MessageBarActions,
  MessageBarBody,
  tokens,
  type MessageBarProps,
} from "@fluentui/react-components";
import type { Problem } from "../service/problem";
import { Notice } from "./Notice";

export interface ProblemBarProps {
  problem: Problem | string;
  intent?: MessageBarProps["intent"];
  /** "alert" when it answers what the user just did. */
  role?: "alert";
  /** What the user can do about it, e.g. Try again. */
  action?: { label: string; onClick(): void };
}

/** The client speaks as the cells do, in lower case; the pane shows sentences. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const useStyles = makeStyles({
  disclosure: { marginBlockStart: tokens.spacingVerticalXS, overflowWrap: "anywhere" },
  summary: { cursor: "pointer" },
});

/** Technical details, folded away under "Details" until asked for. */
export function DetailsDisclosure({ details }: { details: string }) {
  const styles = useStyles();
  return (
    <details className={styles.disclosure}>
      <summary className={styles.summary}>
        <Caption1>Details</Caption1>
      </summary>
      <Caption1>{details}</Caption1>
    </details>
  );
}

/** What went wrong, in a message bar: the message, and its technical details folded under "Details". */
export function ProblemBar({ problem, intent = "error", role, action }: ProblemBarProps) {
  const { message, details } =
    typeof problem === "string" ? { message: problem, details: undefined } : problem;
  return (
    <Notice intent={intent} {...(role === undefined ? {} : { role })}>
      <MessageBarBody>
        {sentence(message)}
        {details !== undefined && <DetailsDisclosure details={details} />}
      </MessageBarBody>
      {action !== undefined && (
        <MessageBarActions>
          <Button size="small" onClick={action.onClick}>
            {action.label}
          </Button>
        </MessageBarActions>
      )}
    </Notice>
  );
}
