import type { z } from "zod";
import { Me, ModelList, VersionList, type Model, type Version } from "../../contract/api";

export type Account = Me;
export type ModelSummary = Model;
export type VersionSummary = Version;

/** A failed call, with the reason in the words the pane shows. */
export class ServiceError extends Error {
  constructor(
    /** "unreachable" when no answer came at all. */
    readonly kind: "unreachable" | "refused" | "unreadable",
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

const TIMEOUT_MS = 15_000;

function refusal(status: number, serviceMessage: string | undefined): string {
  if (status === 401)
    return "The service did not accept this token. Check it, or ask your administrator for a new one.";
  if (status === 403) return `You do not have access to this${serviceMessage ? `: ${serviceMessage}` : "."}`;
  if (status === 404) return serviceMessage ?? "The service does not know this item.";
  return `The service answered with an error (HTTP ${status})${serviceMessage ? `: ${serviceMessage}` : "."}`;
}

async function getJson<T>(serviceUrl: string, token: string, path: string, schema: z.ZodType<T>): Promise<T> {
  const url = `${serviceUrl.replace(/\/+$/, "")}/api/v1${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new ServiceError("unreachable", `The cost-model service at ${serviceUrl} cannot be reached.`);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
    throw new ServiceError(
      "refused",
      refusal(response.status, typeof message === "string" ? message : undefined),
      response.status,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new ServiceError(
      "unreadable",
      `The service at ${serviceUrl} sent an answer the add-in cannot read.`,
    );
  return parsed.data;
}

export function fetchAccount(serviceUrl: string, token: string): Promise<Account> {
  return getJson(serviceUrl, token, "/me", Me);
}

export async function fetchModels(serviceUrl: string, token: string): Promise<ModelSummary[]> {
  return (await getJson(serviceUrl, token, "/models", ModelList)).models;
}

export async function fetchVersions(
  serviceUrl: string,
  token: string,
  modelId: string,
): Promise<VersionSummary[]> {
  const path = `/models/${encodeURIComponent(modelId)}/versions`;
  return (await getJson(serviceUrl, token, path, VersionList)).versions;
}
