import type { Database, Sql } from "../db";
import { HttpError } from "../errors";
import { versionIndexes } from "../query";
import { audit } from "../store/audit";
import { storeResults } from "../store/results";
import { type VersionRow, assertDraft, loadVersion, markPublished } from "../store/versions";
import type { ComputedResults } from "./compute";
import { allocateOffThread } from "./pool";
import { type VersionInputs, loadVersionInputs } from "./inputs";
import type { PublishProblem } from "./problems";

export type { PublishProblem } from "./problems";

export interface ComputeSummary {
  versionId: string;
  /** Scenario-months allocated. */
  months: number;
  memberCosts: number;
  allocationResults: number;
  unitRates: number;
}

export interface PublishSummary extends ComputeSummary {
  label: string;
  status: "published";
  publishedAt: string;
  /** Publishing counts as a change of the version: its ETag changes. */
  revision: number;
}

interface Computed {
  summary: ComputeSummary;
  inputs: VersionInputs;
  results: ComputedResults;
}

/**
 * Allocates a version and stores its results (member costs, allocation results, unit rates) in the
 * caller's transaction. Any problem -> 422 listing every problem, and nothing is written.
 */
export async function computeVersionResults(
  tx: Sql,
  db: Database,
  versionId: string,
): Promise<ComputeSummary> {
  return (await computeAndStore(tx, db, versionId)).summary;
}

async function computeAndStore(tx: Sql, db: Database, versionId: string): Promise<Computed> {
  const inputs = await loadVersionInputs(tx, versionId);
  const { results, problems } = await allocateOffThread(inputs);
  if (problems.length > 0) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    throw new HttpError(
      422,
      "allocation_failed",
      `the version cannot be allocated: ${count}; nothing was changed`,
      problems,
    );
  }
  await storeResults(tx, db, versionId, results);
  const months = new Set(inputs.costGroups.map((g) => `${g.scenario}\u0000${g.period}`)).size;
  return {
    inputs,
    results,
    summary: {
      versionId,
      months,
      memberCosts: results.memberCosts.length,
      allocationResults: results.allocations.length,
      unitRates: results.unitRates.length,
    },
  };
}

/**
 * What would stop the version's allocation as `sql` sees it (a transaction sees its own writes): the
 * problems publishing would list, found without writing anything. With `months` ("scenario period"
 * keys), only those months are allocated: the rules are checked all the same.
 */
export async function allocationProblems(
  sql: Sql,
  versionId: string,
  months?: ReadonlySet<string>,
): Promise<PublishProblem[]> {
  const inputs = await loadVersionInputs(sql, versionId);
  const within = <T extends { scenario: string; period: string }>(rows: T[]) =>
    months === undefined ? rows : rows.filter((r) => months.has(`${r.scenario} ${r.period}`));
  const { problems } = await allocateOffThread({
    ...inputs,
    costGroups: within(inputs.costGroups),
    accountCosts: within(inputs.accountCosts),
    quantities: within(inputs.quantities),
  });
  return problems;
}

/**
 * Publishes a draft: allocates it, stores the results and marks it published, all in one transaction
 * (a failure leaves the draft as it was). A published version -> 409. `check` runs on the locked
 * version before anything else (the route's If-Match).
 */
export async function publishVersion(
  db: Database,
  args: { tenantId: string; versionId: string; userId: string; check?: (version: VersionRow) => void },
): Promise<PublishSummary> {
  const { tenantId, versionId, userId } = args;
  const { summary, inputs, results } = await db.transaction(async (tx) => {
    // The row lock makes a second publish (or an edit) of the same draft wait, then see it published.
    const version = await loadVersion(tx, tenantId, versionId, { forUpdate: true });
    assertDraft(version);
    args.check?.(version);
    const computed = await computeAndStore(tx, db, versionId);
    const published = await markPublished(tx, versionId, userId);
    const summary: PublishSummary = {
      ...computed.summary,
      label: version.label,
      status: "published",
      publishedAt: published.publishedAt,
      revision: published.revision,
    };
    await audit(tx, {
      tenantId,
      userId,
      action: "version.publish",
      targetType: "version",
      targetId: versionId,
      details: { ...summary },
    });
    return { ...computed, summary };
  });
  versionIndexes.rememberPublished(versionId, inputs, results);
  return summary;
}
