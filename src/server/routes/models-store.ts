import type { Model } from "../../contract/api";
import type { ModelInfo } from "../../contract/model";
import { audit } from "../audit";
import type { Sql } from "../db";
import { HttpError, notFound } from "../errors";

interface ModelRow {
  id: string;
  name: string;
  currency: string;
  fiscal_year_start_month: number;
  description: string;
  created_at: Date;
}

const MODEL_COLUMNS = "id, name, currency, fiscal_year_start_month, description, created_at";

function toModel(row: ModelRow): Model {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    fiscalYearStartMonth: Number(row.fiscal_year_start_month),
    description: row.description,
    createdAt: new Date(row.created_at).toISOString(),
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

export async function createModel(
  tx: Sql,
  tenantId: string,
  info: ModelInfo,
  userId: string | null,
): Promise<Model> {
  if (await findModelByName(tx, tenantId, info.name)) {
    throw new HttpError(409, "conflict", `A model named "${info.name}" already exists`);
  }
  const result = await tx.query<ModelRow>(
    `INSERT INTO models (tenant_id, name, currency, fiscal_year_start_month, description)
     VALUES ($1, $2, $3, $4, $5) RETURNING ${MODEL_COLUMNS}`,
    [tenantId, info.name, info.currency, info.fiscalYearStartMonth, info.description],
  );
  const model = toModel(result.rows[0]);
  await audit(tx, {
    tenantId,
    userId,
    action: "model.create",
    targetType: "model",
    targetId: model.id,
    details: { name: model.name, currency: model.currency },
  });
  return model;
}
