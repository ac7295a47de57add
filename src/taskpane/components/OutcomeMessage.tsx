import { MessageBarBody } from "@fluentui/react-components";
import { Notice } from "./Notice";

export interface Outcome {
  ok: boolean;
  text: string;
}

/** What became of an action the user took: a success is announced politely, a failure as an alert. */
export function OutcomeMessage({ outcome }: { outcome: Outcome | undefined }) {
  if (outcome === undefined) return null;
  return (
    <Notice intent={outcome.ok ? "success" : "error"} role={outcome.ok ? "status" : "alert"}>
      <MessageBarBody>{outcome.text}</MessageBarBody>
    </Notice>
  );
}
