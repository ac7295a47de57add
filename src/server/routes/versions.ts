import type { FastifyInstance } from "fastify";
import { CreateVersion, ModelParams, Version, VersionList, VersionParams } from "../../contract/api";
import { audit } from "../audit";
import { requireRole } from "../auth";
import type { Sql } from "../db";
import { HttpError } from "../errors";
import { loadModel } from "./models-store";
import type { ZodTypeProvider } from "./schema";
import {
  VERSION_COLUMNS,
  type VersionRow,
  etagOf,
  loadVersion,
  openDraft,
  sendVersioned,
  toVersion,
} from "./versions-access";

/** The content a new draft copies from the version it is based on, table by table. */
const COPIED_CONTENT = [
  { table: "members", columns: "dimension, name, parent, attributes, position", order: "dimension, name" },
  { table: "scenarios", columns: "name, position", order: "name" },
  {
    table: "cost_lines",
    columns: "pool, account, tower, service, consumer, period, scenario, amount, description",
    order: "id",
  },
  { table: "driver_quantities", columns: "driver, member, period, scenario, quantity", order: "id" },
  { table: "allocation_rules", columns: "position, stage, source, method, driver, targets", order: "id" },
];

async function copyContent(tx: Sql, fromId: string, toId: string): Promise<void> {
  for (const { table, columns, order } of COPIED_CONTENT) {
    await tx.query(
      `INSERT INTO ${table} (version_id, ${columns}) SELECT $1, ${columns} FROM ${table} WHERE version_id = $2 ORDER BY ${order}`,
      [toId, fromId],
    );
  }
}

export async function insertVersion(
  tx: Sql,
  args: { tenantId: string; modelId: string; label: string; basedOn: string | null; userId: string | null },
): Promise<VersionRow> {
  const taken = await tx.query("SELECT 1 FROM versions WHERE model_id = $1 AND label = $2", [
    args.modelId,
    args.label,
  ]);
  if (taken.rows.length > 0) {
    throw new HttpError(409, "conflict", `The model already has a version labelled "${args.label}"`);
  }
  const result = await tx.query<VersionRow>(
    `INSERT INTO versions (tenant_id, model_id, label, based_on, created_by)
     VALUES ($1, $2, $3, $4, $5) RETURNING ${VERSION_COLUMNS}`,
    [args.tenantId, args.modelId, args.label, args.basedOn, args.userId],
  );
  return result.rows[0];
}

/** A published version never changes, not even its link to the draft it was copied from. */
async function refuseIfPublishedCopiesExist(tx: Sql, draft: VersionRow): Promise<void> {
  const copies = await tx.query<{ label: string }>(
    "SELECT label FROM versions WHERE based_on = $1 AND status = 'published' ORDER BY label",
    [draft.id],
  );
  if (copies.rows.length === 0) return;
  const labels = copies.rows.map((row) => `"${row.label}"`).join(", ");
  throw new HttpError(
    409,
    "conflict",
    `The draft "${draft.label}" cannot be deleted: the published version${copies.rows.length > 1 ? "s" : ""} ` +
      `${labels} ${copies.rows.length > 1 ? "were" : "was"} copied from it and must keep that record`,
  );
}

export default async function versionRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["versions"];

  api.get(
    "/models/:modelId/versions",
    {
      schema: {
        summary: "The versions of a model, oldest first",
        tags,
        params: ModelParams,
        response: { 200: VersionList },
      },
      onRequest: requireRole("viewer"),
    },
    async (request) => {
      const model = await loadModel(app.db, request.auth.tenantId, request.params.modelId);
      const result = await app.db.query<VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM versions WHERE tenant_id = $1 AND model_id = $2 ORDER BY created_at, label`,
        [request.auth.tenantId, model.id],
      );
      return { versions: result.rows.map(toVersion) };
    },
  );

  api.get(
    "/versions/:versionId",
    {
      schema: {
        summary: "One version, with its revision as ETag",
        tags,
        params: VersionParams,
        response: { 200: Version },
      },
      onRequest: requireRole("viewer"),
    },
    async (request, reply) => {
      const version = await loadVersion(app.db, request.auth.tenantId, request.params.versionId);
      return sendVersioned(request, reply, version, toVersion(version));
    },
  );

  api.post(
    "/models/:modelId/versions",
    {
      schema: {
        summary: "Create a draft version, empty or copied from another version of the model (editor)",
        tags,
        params: ModelParams,
        body: CreateVersion,
        response: { 201: Version },
      },
      onRequest: requireRole("editor"),
    },
    async (request, reply) => {
      const { tenantId, userId } = request.auth;
      const { label, copyFrom } = request.body;
      const created = await app.db.transaction(async (tx) => {
        const model = await loadModel(tx, tenantId, request.params.modelId);
        const source = copyFrom === undefined ? null : await loadVersion(tx, tenantId, copyFrom);
        if (source !== null && source.modelId !== model.id) {
          throw new HttpError(400, "validation", "copyFrom must be a version of the same model");
        }
        const version = await insertVersion(tx, {
          tenantId,
          modelId: model.id,
          label,
          basedOn: source?.id ?? null,
          userId,
        });
        if (source !== null) await copyContent(tx, source.id, version.id);
        await audit(tx, {
          tenantId,
          userId,
          action: "version.create",
          targetType: "version",
          targetId: version.id,
          details: { model: model.name, label, copiedFrom: source?.label ?? null },
        });
        return version;
      });
      reply.code(201);
      reply.header("ETag", etagOf(created));
      return toVersion(created);
    },
  );

  api.delete(
    "/versions/:versionId",
    {
      schema: { summary: "Delete a draft version and its content (admin)", tags, params: VersionParams },
      onRequest: requireRole("admin"),
    },
    async (request, reply) => {
      const { tenantId, userId } = request.auth;
      await app.db.transaction(async (tx) => {
        const version = await openDraft(tx, request, request.params.versionId);
        await refuseIfPublishedCopiesExist(tx, version);
        // Drafts copied from this one only lose the link; their content is their own.
        await tx.query("UPDATE versions SET based_on = NULL WHERE based_on = $1 AND tenant_id = $2", [
          version.id,
          tenantId,
        ]);
        await tx.query("DELETE FROM versions WHERE id = $1 AND tenant_id = $2", [version.id, tenantId]);
        await audit(tx, {
          tenantId,
          userId,
          action: "version.delete",
          targetType: "version",
          targetId: version.id,
          details: { label: version.label, revision: version.revision },
        });
      });
      return reply.code(204).send();
    },
  );
}
