import type { CostModelClient } from "../../client";
import { ModelList, VersionList, type Model, type Version } from "../../contract/api";

/** The models of the signed-in tenant on the service at `serviceUrl` (the client's own when not given). */
export async function fetchModels(client: CostModelClient, serviceUrl: string | undefined): Promise<Model[]> {
  return (await client.get("/models", ModelList, { serviceUrl })).models;
}

/** The model a binding names, by its name or its id; undefined when the service has no such model. */
export async function fetchModel(
  client: CostModelClient,
  serviceUrl: string | undefined,
  nameOrId: string,
): Promise<Model | undefined> {
  return (await fetchModels(client, serviceUrl)).find((m) => m.name === nameOrId || m.id === nameOrId);
}

/** The versions of one model, drafts included. */
export async function fetchVersions(
  client: CostModelClient,
  serviceUrl: string | undefined,
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

/** The versions of the model a binding names (by name or id); refused in words when the service has no such model. */
export async function fetchVersionsOfModel(
  client: CostModelClient,
  serviceUrl: string | undefined,
  nameOrId: string,
): Promise<Version[]> {
  const model = await fetchModel(client, serviceUrl, nameOrId);
  if (model === undefined)
    throw new Error(`The service has no model "${nameOrId}": bind the workbook again.`);
  return fetchVersions(client, serviceUrl, model.id);
}
