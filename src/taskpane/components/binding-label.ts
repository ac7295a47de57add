import type { WorkbookBinding } from "../../client";
import { isLatest } from "../../contract/query";

/** "ITFM Demo · FY2026-27 v1 · Actual", with the defaults a binding leaves blank spelled out. */
export function bindingLabel(binding: WorkbookBinding): string {
  const version =
    binding.version === undefined || isLatest(binding.version) ? "latest published" : binding.version;
  return `${binding.model} · ${version} · ${binding.scenario ?? "Actual"}`;
}
