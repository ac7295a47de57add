import { Caption1, MessageBar, MessageBarBody, type MessageBarProps } from "@fluentui/react-components";
import type { Problem } from "../service/problem";

export interface ProblemBarProps {
  problem: Problem | string;
  intent?: MessageBarProps["intent"];
  /** "alert" when it answers what the user just did. */
  role?: "alert";
}

/** The client speaks as the cells do, in lower case; the pane shows sentences. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What went wrong, in a message bar: the message, and its technical details beneath in small print. */
export function ProblemBar({ problem, intent = "error", role }: ProblemBarProps) {
  const { message, details } =
    typeof problem === "string" ? { message: problem, details: undefined } : problem;
  return (
    <MessageBar intent={intent} {...(role === undefined ? {} : { role })}>
      <MessageBarBody>
        {sentence(message)}
        {details !== undefined && (
          <>
            <br />
            <Caption1>{details}</Caption1>
          </>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
