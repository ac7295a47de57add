import { createRoot } from "react-dom/client";
import { App } from "./App";

function mount(): void {
  const container = document.getElementById("root");
  if (container) createRoot(container).render(<App />);
}

if (typeof Office !== "undefined") {
  Office.onReady(mount);
} else {
  mount();
}
