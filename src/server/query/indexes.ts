import type { Database } from "../db";
import type { ComputedResults } from "../publish/compute";
import { allocateOffThread } from "../publish/pool";
import {
  type VersionInputs,
  compareText,
  loadMembers,
  loadQuantities,
  loadScenarios,
  loadVersionInputs,
} from "../publish/inputs";
import type { PublishProblem } from "../publish/problems";
import { inOneSnapshot } from "../store/database";
import { monthsWithFacts } from "../store/facts";
import { readResults } from "../store/results";
import { versionLabel } from "../store/versions";
import type { VersionFacts } from "./catalog";
import { LruMap } from "./lru";
import { VersionIndex, rowsOf } from "./version-index";

/** Rows of published results kept in memory across versions (a large model holds some 300,000). */
const PUBLISHED_ROW_CAPACITY = 2_000_000;
const DRAFTS_KEPT = 8;

/**
 * The in-memory indexes of versions. A published version never changes, so its index is loaded once
 * and kept while it is used; a draft's index is computed from its data and kept only as long as the
 * draft's revision is the one it was computed from.
 */
export class VersionIndexes {
  /** Published indexes, or how to build one that publishing handed over (built at its first query). */
  private readonly published = new LruMap<string, Promise<VersionIndex> | (() => Promise<VersionIndex>)>(
    PUBLISHED_ROW_CAPACITY,
  );
  private readonly drafts = new LruMap<string, { revision: number; index: Promise<VersionIndex> }>(
    DRAFTS_KEPT,
  );

  forVersion(db: Database, version: VersionFacts): Promise<VersionIndex> {
    if (version.status === "published") return this.publishedIndex(db, version.id);
    const cached = this.drafts.get(version.id);
    if (cached !== undefined && cached.revision === version.revision) return cached.index;
    const index = loadDraft(db, version.id);
    this.drafts.set(version.id, { revision: version.revision, index });
    index.catch(() => this.drafts.delete(version.id));
    return index;
  }

  /** Publishing hands over what it computed, so the first query needs no reload from the database. */
  rememberPublished(versionId: string, inputs: VersionInputs, results: ComputedResults): void {
    this.drafts.delete(versionId);
    const rows = rowsOf({ ...results, quantities: inputs.quantities });
    this.published.set(versionId, () => indexOf(inputs, results, null), rows);
  }

  private publishedIndex(db: Database, versionId: string): Promise<VersionIndex> {
    const cached = this.published.get(versionId);
    if (cached !== undefined && typeof cached !== "function") return cached;
    this.drafts.delete(versionId);
    const loading = typeof cached === "function" ? cached() : loadPublished(db, versionId);
    this.published.set(versionId, loading);
    loading.then(
      (index) => {
        // Weighed once its size is known; a failed load is forgotten so that the next query tries again.
        if (this.published.get(versionId) === loading) this.published.set(versionId, loading, index.size);
      },
      () => this.published.delete(versionId),
    );
    return loading;
  }
}

/** The months with cost lines or driver quantities, in order. */
function monthsWithData(inputs: Pick<VersionInputs, "costGroups" | "quantities">): string[] {
  const months = new Set([
    ...inputs.costGroups.map((g) => g.period),
    ...inputs.quantities.map((q) => q.period),
  ]);
  return [...months].sort(compareText);
}

/** The index of a version from its data and the results computed from it (by publishing or on demand). */
function indexOf(
  inputs: VersionInputs,
  results: ComputedResults,
  allocationProblem: string | null,
): Promise<VersionIndex> {
  return VersionIndex.build({
    members: inputs.members,
    scenarios: inputs.scenarios,
    months: monthsWithData(inputs),
    memberCosts: results.memberCosts,
    allocations: results.allocations,
    unitRates: results.unitRates,
    quantities: inputs.quantities,
    allocationProblem,
  });
}

async function loadPublished(db: Database, versionId: string): Promise<VersionIndex> {
  const results = await readResults(db, versionId);
  const months = await monthsWithFacts(db, versionId);
  return VersionIndex.build({
    members: await loadMembers(db, versionId),
    scenarios: await loadScenarios(db, versionId),
    months: months.sort(compareText),
    ...results,
    quantities: await loadQuantities(db, versionId),
    allocationProblem: null,
  });
}

/** A draft read in one snapshot and allocated in memory: nothing is written. */
async function loadDraft(db: Database, versionId: string): Promise<VersionIndex> {
  const { label, inputs } = await inOneSnapshot(db, async (tx) => ({
    label: (await versionLabel(tx, versionId)) ?? versionId,
    inputs: await loadVersionInputs(tx, versionId),
  }));
  const { results, problems } = await allocateOffThread(inputs);
  return indexOf(inputs, results, problems.length === 0 ? null : draftProblem(label, problems));
}

function draftProblem(label: string, problems: readonly PublishProblem[]): string {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more; publishing lists them all)` : "";
  return `draft version "${label}" cannot be allocated yet: ${problems[0].message}${more}`;
}
