import { MessageBar, type MessageBarProps } from "@fluentui/react-components";

/**
 * A message bar without a MessageBarTitle. Fluent labels every message bar by its title's id, which
 * without a title names nothing (axe: invalid aria-labelledby); the bar's text is what it says.
 */
export function Notice(props: MessageBarProps) {
  return <MessageBar {...props} aria-labelledby={props["aria-labelledby"]} />;
}
