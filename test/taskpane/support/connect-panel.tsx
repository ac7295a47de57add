import type { ReactElement } from "react";
import { ConnectPanel, type ConnectPanelProps } from "../../../src/taskpane/panels/ConnectPanel";
import type { Session } from "../../../src/taskpane/state/use-session";

/** Connect for `session`: online, no check running, the workbook bound, unless `props` say otherwise. */
export function connectPanel(
  session: Session,
  props: Partial<Omit<ConnectPanelProps, "session">> = {},
): ReactElement {
  return (
    <ConnectPanel
      session={session}
      offline={false}
      health={{ checking: false, tryAgain: () => {} }}
      bound
      onBind={() => {}}
      {...props}
    />
  );
}
