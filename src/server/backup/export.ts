import type { ModelVersionDocument } from "../../contract/model";
import type { Sql } from "../db";
import { toCostLine, toDriverQuantity, COST_LINE_COLUMNS, DRIVER_QUANTITY_COLUMNS } from "../routes/facts";
import { readMembers } from "../routes/members";
import { loadModel } from "../routes/models-store";
import { readRules } from "../routes/rules";
import { readScenarios } from "../routes/scenarios";
import type { VersionRow } from "../routes/versions-access";

export const DOCUMENT_FORMAT = "itfm-model-version/1";

/**
 * A version as a backup document. Everything comes in a fixed order (members by dimension and position,
 * facts in the order they were added, rules by position) and with a fixed key order, so exporting a
 * restored document gives the same bytes.
 */
export async function exportVersion(sql: Sql, version: VersionRow): Promise<ModelVersionDocument> {
  const model = await loadModel(sql, version.tenantId, version.modelId);
  const costLines = await sql.query<Parameters<typeof toCostLine>[0]>(
    `SELECT ${COST_LINE_COLUMNS.join(", ")} FROM cost_lines WHERE version_id = $1 ORDER BY id`,
    [version.id],
  );
  const quantities = await sql.query<Parameters<typeof toDriverQuantity>[0]>(
    `SELECT ${DRIVER_QUANTITY_COLUMNS.join(", ")} FROM driver_quantities WHERE version_id = $1 ORDER BY id`,
    [version.id],
  );
  return {
    format: DOCUMENT_FORMAT,
    model: {
      name: model.name,
      currency: model.currency,
      fiscalYearStartMonth: model.fiscalYearStartMonth,
      description: model.description,
    },
    version: {
      label: version.label,
      status: version.status,
      publishedAt: version.publishedAt === null ? null : new Date(version.publishedAt).toISOString(),
    },
    members: await readMembers(sql, version.id),
    scenarios: await readScenarios(sql, version.id),
    costLines: costLines.rows.map(toCostLine),
    driverQuantities: quantities.rows.map(toDriverQuantity),
    rules: await readRules(sql, version.id),
  };
}
