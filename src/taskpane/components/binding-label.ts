import type { WorkbookBinding } from "../../client";
import { isLatest } from "../../contract/query";

/**
 * "ITFM Demo · FY2026-27 v1 · Actual", with the defaults a binding leaves blank spelled out: a
 * "latest published" binding names the version it shows when that is known.
 */
export function bindingLabel(binding: WorkbookBinding, latestLabel?: string): string {
  const latest = binding.version === undefined || isLatest(binding.version);
  const version = !latest
    ? binding.version!
    : latestLabel === undefined
      ? "latest published"
      : `${latestLabel} (latest published)`;
  return `${binding.model} · ${version} · ${binding.scenario ?? "Actual"}`;
}
