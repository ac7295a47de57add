import { Button, Spinner } from "@fluentui/react-components";
import type { Health } from "../state/use-health";

/**
 * Try again for the background check. While a check runs it shows "Checking…" as a spinner that
 * ends with the check, rather than a greyed-out button whose text is too faint to read.
 */
export function TryAgain({ health, appearance }: { health: Health; appearance?: "outline" | "secondary" }) {
  if (health.checking) return <Spinner size="extra-tiny" label="Checking…" labelPosition="after" />;
  return (
    <Button size="small" appearance={appearance ?? "secondary"} onClick={health.tryAgain}>
      Try again
    </Button>
  );
}
