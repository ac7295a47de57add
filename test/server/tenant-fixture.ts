import type { ModelVersionDocument } from "../../src/contract/model";
import type { TestServer } from "../support/server";
import { handBuiltDocument } from "./publish.fixture";
import type { RouteContext } from "./route-examples";

/** A tenant holding one model with a draft and a published version, restored through the API. */
export interface TenantFixture {
  name: string;
  tenantId: string;
  adminToken: string;
  editorToken: string;
  viewerToken: string;
  modelName: string;
  /** Requests about the draft version. */
  draft: RouteContext;
  /** The same ids, but the published version. */
  published: RouteContext;
}

export function documentFor(
  modelName: string,
  label: string,
  status: "draft" | "published",
): ModelVersionDocument {
  const doc = handBuiltDocument();
  return {
    ...doc,
    model: { ...doc.model, name: modelName, description: `${modelName} description` },
    version: { label, status, publishedAt: status === "published" ? "2026-02-01T09:30:00.000Z" : null },
  };
}

export async function restore(server: TestServer, token: string, doc: ModelVersionDocument) {
  const response = await server.call("POST", "/api/v1/models/restore", { token, body: doc });
  if (response.status !== 201) throw new Error(`restore failed: ${response.status} ${response.text}`);
  return response.body as { model: { id: string }; version: { id: string; revision: number } };
}

export async function setUpTenant(server: TestServer, name: string): Promise<TenantFixture> {
  const admin = await server.identity(name, "admin");
  const editorToken = await server.tokenFor(name, "editor");
  const viewerToken = await server.tokenFor(name, "viewer");
  const modelName = `Model of ${name}`;
  const draft = await restore(server, admin.token, documentFor(modelName, "Draft v2", "draft"));
  const published = await restore(server, admin.token, documentFor(modelName, "Published v1", "published"));
  const me = await server.call("GET", "/api/v1/me", { token: admin.token });
  const base = {
    modelId: draft.model.id,
    userId: admin.userId,
    tokenId: me.body.tokenId as string,
    member: { dimension: "pool", name: "Hardware" },
    scenario: "Budget",
  };
  return {
    name,
    tenantId: admin.tenantId,
    adminToken: admin.token,
    editorToken,
    viewerToken,
    modelName,
    draft: { ...base, versionId: draft.version.id },
    published: { ...base, versionId: published.version.id },
  };
}

/** Everything of a tenant that another tenant must never see. */
export function secretsOf(tenant: TenantFixture): string[] {
  return [
    tenant.tenantId,
    tenant.modelName,
    tenant.draft.modelId,
    tenant.draft.versionId,
    tenant.published.versionId,
    tenant.draft.userId,
    tenant.draft.tokenId,
    `admin@${tenant.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.example.com`,
  ];
}
