import type { Model } from "../contract/api";
import type { ModelInfo } from "../contract/model";
import type { Sql } from "./db";
import { audit } from "./store/audit";
import { insertModel } from "./store/models";

/** Creates a model (409 when the name is taken) and writes its audit entry, inside the caller's transaction. */
export async function createModel(
  tx: Sql,
  tenantId: string,
  info: ModelInfo,
  userId: string | null,
): Promise<Model> {
  const model = await insertModel(tx, tenantId, info);
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
