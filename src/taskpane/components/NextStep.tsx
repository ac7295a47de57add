import { Button, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { Notice } from "./Notice";

export interface NextStepProps {
  text: string;
  /** The step that comes first, as a button; without it the text alone says what to do. */
  action?: { label: string; onClick(): void };
  "data-testid"?: string;
}

/** An empty state that carries its next action: what is missing, and a button that goes to it. */
export function NextStep({ text, action, "data-testid": testId }: NextStepProps) {
  return (
    <Notice intent="info" data-testid={testId}>
      <MessageBarBody>{text}</MessageBarBody>
      {action !== undefined && (
        <MessageBarActions>
          <Button onClick={action.onClick}>{action.label}</Button>
        </MessageBarActions>
      )}
    </Notice>
  );
}
