import type { ModelVersionDocument } from "../../contract/model";
import type { Sql } from "../db";
import { COST_LINES, DRIVER_QUANTITIES, type FactTable, readFactPage } from "../store/facts";
import { readMembers } from "../store/members";
import { loadModel } from "../store/models";
import { readRules } from "../store/rules";
import { readScenarios } from "../store/scenarios";
import { isoTimestamp } from "../store/timestamps";
import { type VersionRow, versionById } from "../store/versions";

export const DOCUMENT_FORMAT = "itfm-model-version/1";

/** Facts read and written at a time: the document never needs to be in memory whole. */
const PAGE = 5_000;

/** The facts of one table as the elements of a JSON array, a page at a time, in the order they were added. */
async function* factElements<Fact>(
  sql: Sql,
  facts: FactTable<Fact>,
  versionId: string,
): AsyncGenerator<string> {
  let after: string | undefined;
  let first = true;
  for (;;) {
    const page = await readFactPage(sql, facts, versionId, { limit: PAGE, after });
    if (page.rows.length > 0) {
      const text = page.rows.map(({ id: _id, ...fact }) => JSON.stringify(fact)).join(",");
      yield first ? text : `,${text}`;
      first = false;
    }
    if (page.next === null) return;
    after = page.next;
  }
}

/**
 * A version as a backup document, written as JSON text piece by piece. Everything comes in a fixed
 * order (members by dimension and position, facts in the order they were added, rules by position)
 * and with a fixed key order, so exporting a restored document gives the same bytes. A draft that
 * changes while it is written makes the export fail rather than mix two states.
 */
export async function* exportText(sql: Sql, version: VersionRow): AsyncGenerator<string> {
  const model = await loadModel(sql, version.tenantId, version.modelId);
  const head: Pick<ModelVersionDocument, "format" | "model" | "version"> = {
    format: DOCUMENT_FORMAT,
    model: {
      name: model.name,
      currency: model.currency,
      fiscalYearStartMonth: model.fiscalYearStartMonth,
      description: model.description,
    },
    version: { label: version.label, status: version.status, publishedAt: isoTimestamp(version.publishedAt) },
  };
  const members = JSON.stringify(await readMembers(sql, version.id));
  const scenarios = JSON.stringify(await readScenarios(sql, version.id));
  yield `${JSON.stringify(head).slice(0, -1)},"members":${members},"scenarios":${scenarios},"costLines":[`;
  yield* factElements(sql, COST_LINES, version.id);
  yield `],"driverQuantities":[`;
  yield* factElements(sql, DRIVER_QUANTITIES, version.id);
  yield `],"rules":${JSON.stringify(await readRules(sql, version.id))}}`;
  if (version.status === "draft") {
    const now = await versionById(sql, version.id);
    if (now?.revision !== version.revision) {
      throw new Error(`the draft "${version.label}" changed while it was exported; export it again`);
    }
  }
}

/** The whole document in memory (for a small version, and for tests). */
export async function exportVersion(sql: Sql, version: VersionRow): Promise<ModelVersionDocument> {
  let text = "";
  for await (const piece of exportText(sql, version)) text += piece;
  return JSON.parse(text) as ModelVersionDocument;
}
