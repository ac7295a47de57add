import type { ModelVersionDocument } from "../../contract/model";
import type { Sql } from "../db";
import { COST_LINES, DRIVER_QUANTITIES, readFacts } from "../store/facts";
import { readMembers } from "../store/members";
import { loadModel } from "../store/models";
import { readRules } from "../store/rules";
import { readScenarios } from "../store/scenarios";
import { isoTimestamp } from "../store/timestamps";
import type { VersionRow } from "../store/versions";

export const DOCUMENT_FORMAT = "itfm-model-version/1";

/**
 * A version as a backup document. Everything comes in a fixed order (members by dimension and position,
 * facts in the order they were added, rules by position) and with a fixed key order, so exporting a
 * restored document gives the same bytes.
 */
export async function exportVersion(sql: Sql, version: VersionRow): Promise<ModelVersionDocument> {
  const model = await loadModel(sql, version.tenantId, version.modelId);
  const costLines = await readFacts(sql, COST_LINES, version.id);
  const driverQuantities = await readFacts(sql, DRIVER_QUANTITIES, version.id);
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
      publishedAt: isoTimestamp(version.publishedAt),
    },
    members: await readMembers(sql, version.id),
    scenarios: await readScenarios(sql, version.id),
    costLines,
    driverQuantities,
    rules: await readRules(sql, version.id),
  };
}
