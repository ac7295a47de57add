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
