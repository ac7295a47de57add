import type { ModelVersionDocument } from "../../src/contract/model";
import { Decimal } from "../../src/engine/decimal";
import { commitImport, startImport } from "../../src/server/store/imports";
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
  /** The content of both its versions. */
  content: ModelVersionDocument;
  /** Requests about the draft version. */
  draft: RouteContext;
  /** The same ids, but the published version. */
  published: RouteContext;
}

/** How a tenant's content differs from the hand-built model, so that a leak shows whose data it is. */
export interface ContentVariant {
  /** Appended to every member name (and so to every reference to a member). */
  memberSuffix: string;
  /** Every cost line's amount is multiplied by this. */
  amountFactor: string;
}

export function contentOf(variant?: ContentVariant): ModelVersionDocument {
  const doc = handBuiltDocument();
  if (variant === undefined) return doc;
  const names = new Set(doc.members.map((m) => m.name));
  const rename = (value: unknown): unknown => {
    if (typeof value === "string") return names.has(value) ? value + variant.memberSuffix : value;
    if (Array.isArray(value)) return value.map(rename);
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rename(inner)]));
    }
    return value;
  };
  const renamed = rename(doc) as ModelVersionDocument;
  return {
    ...renamed,
    costLines: renamed.costLines.map((line) => ({
      ...line,
      amount: new Decimal(line.amount).times(variant.amountFactor).toFixed(2),
    })),
  };
}

export function documentFor(
  modelName: string,
  label: string,
  status: "draft" | "published",
  doc: ModelVersionDocument = handBuiltDocument(),
): ModelVersionDocument {
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

export async function setUpTenant(
  server: TestServer,
  name: string,
  variant?: ContentVariant,
): Promise<TenantFixture> {
  const content = contentOf(variant);
  const admin = await server.identity(name, "admin");
  const editorToken = await server.tokenFor(name, "editor");
  const viewerToken = await server.tokenFor(name, "viewer");
  const modelName = `Model of ${name}`;
  const draft = await restore(server, admin.token, documentFor(modelName, "Draft v2", "draft", content));
  const published = await restore(
    server,
    admin.token,
    documentFor(modelName, "Published v1", "published", content),
  );
  const me = await server.call("GET", "/api/v1/me", { token: admin.token });
  // An import of the tenant's to ask about: one that read a file without rows into the draft.
  const importId = await startImport(server.db, {
    tenantId: admin.tenantId,
    versionId: draft.version.id,
    kind: "cost_lines",
    filename: "no rows.csv",
    bytesTotal: 0,
    userId: admin.userId,
  });
  await commitImport(server.db, importId, 0);
  const base = {
    importId,
    modelId: draft.model.id,
    userId: admin.userId,
    tokenId: me.body.tokenId as string,
    member: { dimension: "pool", name: `Hardware${variant?.memberSuffix ?? ""}` },
    scenario: "Budget",
  };
  return {
    name,
    tenantId: admin.tenantId,
    adminToken: admin.token,
    editorToken,
    viewerToken,
    modelName,
    content,
    draft: { ...base, versionId: draft.version.id },
    published: { ...base, versionId: published.version.id },
  };
}

/**
 * A tenant's member names and amounts as they appear in answers. Member names are looked for as JSON
 * strings, since another tenant's renamed members contain them; amounts from 100 up, since shorter ones
 * occur in timestamps.
 */
export function contentSecretsOf(tenant: TenantFixture): string[] {
  const amounts = tenant.content.costLines.map((line) => line.amount).filter((a) => /^-?\d{3,}/.test(a));
  const memberNames = tenant.content.members.map((member) => JSON.stringify(member.name));
  return [...new Set([...memberNames, ...amounts])];
}

/** Everything of a tenant that another tenant must never see. */
export function secretsOf(tenant: TenantFixture): string[] {
  return [
    ...contentSecretsOf(tenant),
    tenant.tenantId,
    tenant.modelName,
    tenant.draft.modelId,
    tenant.draft.versionId,
    tenant.published.versionId,
    tenant.draft.userId,
    tenant.draft.tokenId,
    tenant.draft.importId,
    `admin@${tenant.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.example.com`,
  ];
}
