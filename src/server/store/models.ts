import type { Model } from "../../contract/api";
import type { ModelInfo } from "../../contract/model";
import type { Sql } from "../db";
import { HttpError, notFound } from "../errors";
import { isoTimestamp } from "./timestamps";

type ModelRow = Omit<Model, "createdAt"> & { createdAt: Date };

const MODEL_COLUMNS = `id, name, currency, fiscal_year_start_month AS "fiscalYearStartMonth", description,
  created_at AS "createdAt"`;

function toModel(row: ModelRow): Model {
  return {
    ...row,
    fiscalYearStartMonth: Number(row.fiscalYearStartMonth),
    createdAt: isoTimestamp(row.createdAt),
  };
}

export async function listModels(sql: Sql, tenantId: string): Promise<Model[]> {
  const result = await sql.query<ModelRow>(
    `SELECT ${MODEL_COLUMNS} FROM models WHERE tenant_id = $1 ORDER BY name`,
    [tenantId],
  );
  return result.rows.map(toModel);
}

/** The model with this id in the tenant; 404 for an unknown id and for another tenant's model alike. */
export async function loadModel(sql: Sql, tenantId: string, modelId: string): Promise<Model> {
  const result = await sql.query<ModelRow>(
    `SELECT ${MODEL_COLUMNS} FROM models WHERE tenant_id = $1 AND id = $2`,
    [tenantId, modelId],
  );
  if (result.rows.length === 0) throw notFound("The model");
  return toModel(result.rows[0]);
}

export async function findModelByName(sql: Sql, tenantId: string, name: string): Promise<Model | undefined> {
  const result = await sql.query<ModelRow>(
    `SELECT ${MODEL_COLUMNS} FROM models WHERE tenant_id = $1 AND name = $2`,
    [tenantId, name],
  );
  return result.rows.length === 0 ? undefined : toModel(result.rows[0]);
}

/** A new model; 409 when the tenant already has one of this name. */
export async function insertModel(tx: Sql, tenantId: string, info: ModelInfo): Promise<Model> {
  if (await findModelByName(tx, tenantId, info.name)) {
    throw new HttpError(409, "conflict", `A model named "${info.name}" already exists`);
  }
  const result = await tx.query<ModelRow>(
    `INSERT INTO models (tenant_id, name, currency, fiscal_year_start_month, description)
     VALUES ($1, $2, $3, $4, $5) RETURNING ${MODEL_COLUMNS}`,
    [tenantId, info.name, info.currency, info.fiscalYearStartMonth, info.description],
  );
  return toModel(result.rows[0]);
}

/** One row per version of each model the reference may name (one row with null version fields for a model without versions). */
export interface CatalogRow {
  model_id: string;
  name: string;
  currency: string;
  fiscal_year_start_month: number;
  version_id: string | null;
  label: string | null;
  status: "draft" | "published" | null;
  revision: number | null;
  published_at: Date | string | null;
}

/** The tenant's models whose name is `modelRef` or whose id is `modelRef`, with all their versions. */
export async function catalogRows(sql: Sql, tenantId: string, modelRef: string): Promise<CatalogRow[]> {
  const { rows } = await sql.query<CatalogRow>(
    `SELECT m.id::text AS model_id, m.name, m.currency, m.fiscal_year_start_month,
            v.id::text AS version_id, v.label, v.status, v.revision, v.published_at
       FROM models m LEFT JOIN versions v ON v.model_id = m.id AND v.tenant_id = m.tenant_id
      WHERE m.tenant_id = $1 AND (m.name = $2 OR m.id::text = lower($2))`,
    [tenantId, modelRef],
  );
  return rows;
}
