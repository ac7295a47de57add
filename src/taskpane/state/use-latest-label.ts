import { useEffect, useState } from "react";
import type { CostModelClient, WorkbookBinding } from "../../client";
import { isLatest } from "../../contract/query";
import { fetchModel, fetchVersions, newestPublished } from "../service/models";

/**
 * The label of the version a "latest published" binding shows now, so that the header can name
 * it. Asked again when the binding, the sign-in or the last refresh changes (a publish moves it);
 * undefined while unknown, for another binding, or when the service does not answer.
 */
export function useLatestLabel(
  client: CostModelClient,
  binding: WorkbookBinding | undefined,
  serviceUrl: string,
  signedIn: boolean,
  lastRefresh: Date | undefined,
): string | undefined {
  const [label, setLabel] = useState<string | undefined>(undefined);
  const latest = binding !== undefined && (binding.version === undefined || isLatest(binding.version));
  const model = binding?.model;
  const at = lastRefresh?.getTime();
  useEffect(() => {
    setLabel(undefined);
    if (!latest || !signedIn || model === undefined || serviceUrl === "") return;
    let current = true;
    void (async () => {
      const found = await fetchModel(client, serviceUrl, model);
      if (found === undefined) return;
      const newest = newestPublished(await fetchVersions(client, serviceUrl, found.id));
      if (current) setLabel(newest?.label);
    })().catch(() => undefined);
    return () => {
      current = false;
    };
  }, [client, latest, model, serviceUrl, signedIn, at]);
  return label;
}
