import type { CostModelClient } from "../../client";
import { ModelList, VersionList, type Model, type Version } from "../../contract/api";

/** The models of the signed-in tenant on the service at `serviceUrl`. */
export async function fetchModels(client: CostModelClient, serviceUrl: string): Promise<Model[]> {
  return (await client.get("/models", ModelList, { serviceUrl })).models;
}

/** The versions of one model, drafts included. */
export async function fetchVersions(
  client: CostModelClient,
  serviceUrl: string,
  modelId: string,
): Promise<Version[]> {
  const path = `/models/${encodeURIComponent(modelId)}/versions` as const;
  return (await client.get(path, VersionList, { serviceUrl })).versions;
}

/** The newest published version of a list, as "latest" means it. */
export function newestPublished(versions: readonly Version[]): Version | undefined {
  return versions
    .filter((v) => v.status === "published" && v.publishedAt !== null)
    .reduce<Version | undefined>(
      (newest, v) => (newest === undefined || v.publishedAt! > newest.publishedAt! ? v : newest),
      undefined,
    );
}
