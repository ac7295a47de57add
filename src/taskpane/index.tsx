import { createRoot } from "react-dom/client";
import { sharedCostModelClient } from "../client";
import { App } from "./App";
import { currentOfficeTheme, paneTheme } from "./theme";

function origin(): string | undefined {
  return /^https?:$/.test(location.protocol) ? location.origin : undefined;
}

function mount(): void {
  const container = document.getElementById("root");
  if (container === null) return;
  const theme = paneTheme(currentOfficeTheme());
  document.body.style.backgroundColor = theme.colorNeutralBackground2;
  createRoot(container).render(<App client={sharedCostModelClient()} theme={theme} origin={origin()} />);
}

if (typeof Office !== "undefined") {
  void Office.onReady(mount);
} else {
  mount();
}
