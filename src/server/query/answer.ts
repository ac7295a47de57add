import { setImmediate as pause } from "node:timers/promises";
import type { z } from "zod";
import type { Dimension } from "../../contract/model";
import { monthsOfPeriod } from "../../contract/period";
import {
  issueText,
  ParsedCellQuery,
  type QueryResponse,
  type QueryResult,
  type ValidQueryRequest,
  isLatest,
} from "../../contract/query";
import type { Database } from "../db";
import { type ModelFacts, type VersionFacts, loadCatalog, newestPublished, versionNamed } from "./catalog";
import { VersionIndexes } from "./indexes";
import { LruMap } from "./lru";
import { QueryBudget } from "./budget";
import { formatAmount, formatQuantity, formatRate } from "./format";
import { monthsOf } from "./periods";
import { type LinesQuery, fetchLineTables, linesKey } from "./lines-answer";
import { ALLOCATING_DIMENSIONS, COST_DIMENSIONS, MEASURED_DIMENSIONS } from "./lookup-order";
import type { VersionIndex } from "./version-index";

/** The indexes of this process, shared by every request (and handed new ones by publishing). */
export const versionIndexes = new VersionIndexes();

export interface QueryAnswer extends QueryResponse {
  /** The versions the queries were answered from. */
  versionIds: string[];
}

export interface AnswerOptions {
  /** The service's own address, the answer to MODEL("server"). */
  server?: string;
  /** Figures one batch may read (see QueryBudget). */
  costLimit?: number;
}

export interface Resolved {
  model: ModelFacts;
  version: VersionFacts;
  /** A published version named by label or id: the answer can never change. */
  fixed: boolean;
}
export type Resolution = Resolved | { error: string };

/** Published versions named by label or id never change: once found, they are found without the database. */
const fixedVersions = new LruMap<string, { model: ModelFacts; version: VersionFacts }>(10_000);

const QUERY_KINDS = ["cost", "allocated", "driver", "rate", "lines", "members", "model"];

/** Queries read between two pauses that let other requests in. */
const PARSED_PER_SLICE = 500;

/**
 * Answers a batch of cell queries in order. Each query is validated and answered on its own: a bad
 * query gets an error result in its place and never fails the others.
 */
export async function answerQueries(
  db: Database,
  tenantId: string,
  batch: ValidQueryRequest,
  options: AnswerOptions = {},
): Promise<QueryAnswer> {
  const queries: { raw: unknown; parsed: ReturnType<typeof ParsedCellQuery.safeParse> }[] = [];
  for (const raw of batch.queries) {
    queries.push({ raw, parsed: ParsedCellQuery.safeParse(raw) });
    if (queries.length % PARSED_PER_SLICE === 0) await pause();
  }
  const refs = new Set<string>();
  for (const { parsed } of queries) if (parsed.success) refs.add(parsed.data.version ?? batch.version);
  const resolutions = await resolveVersions(db, tenantId, batch.model, [...refs]);
  const indexes = new Map<string, VersionIndex>();
  for (const resolution of resolutions.values()) {
    if ("version" in resolution && !indexes.has(resolution.version.id)) {
      indexes.set(resolution.version.id, await versionIndexes.forVersion(db, resolution.version));
    }
  }
  const lineCells = queries.flatMap(({ parsed }) => {
    if (!parsed.success || parsed.data.kind !== "lines") return [];
    const resolution = resolutions.get(parsed.data.version ?? batch.version) as Resolution;
    return "error" in resolution ? [] : [{ ...resolution, query: parsed.data, scenario: batch.scenario }];
  });
  const lineTables = await fetchLineTables(db, lineCells);
  let immutable = true;
  const budget = new QueryBudget(options.costLimit);
  const results: QueryResult[] = [];
  for (const { raw, parsed } of queries) {
    results.push(answerParsed(raw, parsed));
    // A large batch is answered in slices, so that other requests are served in between.
    if (budget.timeToYield()) await pause();
  }
  const versionIds = [...indexes.keys()];
  return { results, immutable, versionIds };

  function answerParsed(raw: unknown, parsed: (typeof queries)[number]["parsed"]): QueryResult {
    if (!parsed.success) return error("VALUE", describeInvalid(raw, parsed.error.issues));
    const resolution = resolutions.get(parsed.data.version ?? batch.version) as Resolution;
    if ("error" in resolution) {
      immutable = false;
      return error("NA", resolution.error);
    }
    immutable &&= resolution.fixed;
    const index = indexes.get(resolution.version.id) as VersionIndex;
    return answerOne(parsed.data, {
      ...resolution,
      index,
      scenario: batch.scenario,
      server: options.server ?? "",
      budget,
      lineTables,
    });
  }
}

export async function resolveVersions(
  db: Database,
  tenantId: string,
  modelRef: string,
  refs: readonly string[],
): Promise<Map<string, Resolution>> {
  const resolutions = new Map<string, Resolution>();
  const cacheKey = (ref: string): string => `${tenantId}\u0000${modelRef}\u0000${ref}`;
  const unknown = refs.filter((ref) => {
    const known = fixedVersions.get(cacheKey(ref));
    if (known !== undefined) resolutions.set(ref, { ...known, fixed: true });
    return known === undefined;
  });
  if (unknown.length === 0) return resolutions;
  const catalog = await loadCatalog(db, tenantId, modelRef);
  for (const ref of unknown) {
    if (catalog === null) {
      resolutions.set(ref, { error: `unknown model "${modelRef}"` });
      continue;
    }
    const latest = isLatest(ref);
    const version = latest ? newestPublished(catalog) : versionNamed(catalog, ref);
    if (version === null) {
      const name = catalog.model.name;
      resolutions.set(ref, {
        error: latest
          ? `model "${name}" has no published version yet`
          : `unknown version "${ref}" of model "${name}"`,
      });
      continue;
    }
    const fixed = version.status === "published" && !latest;
    if (fixed) fixedVersions.set(cacheKey(ref), { model: catalog.model, version });
    resolutions.set(ref, { model: catalog.model, version, fixed });
  }
  return resolutions;
}

interface Context {
  model: ModelFacts;
  version: VersionFacts;
  index: VersionIndex;
  scenario: string;
  server: string;
  budget: QueryBudget;
  /** The tables of the batch's LINES cells, read before it is answered. */
  lineTables: ReadonlyMap<string, QueryResult>;
}

const value = (text: string | string[]): QueryResult => ({ value: text });
const error = (code: "NA" | "VALUE" | "DIV0", message: string): QueryResult => ({ error: { code, message } });

function answerOne(query: ParsedCellQuery, context: Context): QueryResult {
  switch (query.kind) {
    case "cost":
    case "allocated":
    case "driver":
    case "rate":
      return answerFigure(query, context);
    case "members": {
      const answer = answerMembers(query.dimension, query.parent, context);
      const names = "value" in answer && Array.isArray(answer.value) ? answer.value.length : 1;
      return context.budget.charge(names, () => answer);
    }
    case "model":
      return answerModel(query.field, context);
    case "lines":
      return answerLines(query, context);
  }
}

function answerLines(query: LinesQuery, context: Context): QueryResult {
  const scenario = query.scenario ?? context.scenario;
  if (!context.index.hasScenario(scenario)) {
    return error(
      "NA",
      `unknown scenario "${scenario}" in model "${context.model.name}" version "${context.version.label}"`,
    );
  }
  const table = context.lineTables.get(linesKey(context.version.id, query, context.scenario)) as QueryResult;
  const rows = "value" in table && Array.isArray(table.value) ? table.value.length : 1;
  return context.budget.charge(rows, () => table);
}

type FigureQuery = Extract<ParsedCellQuery, { kind: "cost" | "allocated" | "driver" | "rate" }>;

function answerFigure(query: FigureQuery, context: Context): QueryResult {
  const { index, model } = context;
  const where = `in model "${model.name}" version "${context.version.label}"`;
  const scenario = query.scenario ?? context.scenario;
  if (!index.hasScenario(scenario)) return error("NA", `unknown scenario "${scenario}" ${where}`);
  const months = monthsOfPeriod(query.period.parsed, model.fiscalYearStartMonth);
  const unknown = (what: string, name: string, dimensions: readonly Dimension[]): QueryResult => {
    const meant = index.suggest(dimensions, name);
    return error("NA", `unknown ${what} "${name}" ${where}${meant ? ` — did you mean "${meant}"?` : ""}`);
  };
  const find = (dimensions: readonly Dimension[], name: string): Dimension | undefined =>
    dimensions.find((d) => index.members.has(d, name));

  switch (query.kind) {
    case "cost": {
      const dimension = find(COST_DIMENSIONS, query.member);
      if (dimension === undefined) return unknown("member", query.member, COST_DIMENSIONS);
      if (dimension !== "pool" && dimension !== "account" && index.allocationProblem !== null) {
        return error("NA", index.allocationProblem);
      }
      return context.budget.charge(months.length, () =>
        value(formatAmount(index.cost(dimension, query.member, scenario, months))),
      );
    }
    case "allocated": {
      const dimension = find(ALLOCATING_DIMENSIONS, query.member);
      if (dimension === undefined) {
        const other = find(COST_DIMENSIONS, query.member);
        if (other === undefined) return unknown("member", query.member, COST_DIMENSIONS);
        return error(
          "NA",
          `"${query.member}" is a ${other}: only pools, towers and services are allocated to consumers`,
        );
      }
      if (!index.members.has("consumer", query.consumer))
        return unknown("consumer member", query.consumer, ["consumer"]);
      if (index.allocationProblem !== null) return error("NA", index.allocationProblem);
      const figures =
        index.members.subtree(dimension, query.member).length *
        index.members.subtree("consumer", query.consumer).length *
        months.length;
      return context.budget.charge(figures, () =>
        value(formatAmount(index.allocated(dimension, query.member, query.consumer, scenario, months))),
      );
    }
    case "driver": {
      if (!index.members.has("driver", query.driver))
        return unknown("driver member", query.driver, ["driver"]);
      const dimension = find(MEASURED_DIMENSIONS, query.consumer);
      if (dimension === undefined) return unknown("consumer member", query.consumer, MEASURED_DIMENSIONS);
      const members = index.members.subtree(dimension, query.consumer);
      return context.budget.charge(members.length * months.length, () =>
        value(formatQuantity(index.quantity(query.driver, members, scenario, months))),
      );
    }
    case "rate": {
      if (!index.members.has("service", query.service))
        return unknown("service member", query.service, ["service"]);
      if (index.allocationProblem !== null) return error("NA", index.allocationProblem);
      const driver = index.rateDriver(query.service);
      if (driver === undefined) {
        return error(
          "NA",
          `service "${query.service}" has no unit rate ${where}: no volume driver is named for it in the model, so its cost is not charged per unit (RATE works for services charged by a driver such as VM hours)`,
        );
      }
      const overdrawn = context.budget.chargeOnly(months.length);
      if (overdrawn !== undefined) return overdrawn;
      const { cost, quantity } = index.rate(query.service, scenario, months);
      if (quantity === 0n) {
        return error(
          "DIV0",
          `service "${query.service}" has no "${driver}" quantity in ${scenario} ${query.period.text}: its rate would divide by zero`,
        );
      }
      return value(formatRate(cost, quantity));
    }
  }
}

function answerMembers(
  dimension: Dimension | "period" | "scenario",
  parent: string | undefined,
  context: Context,
): QueryResult {
  const { index } = context;
  if (dimension === "scenario") {
    if (parent !== undefined)
      return error("VALUE", "scenarios have no parent: leave the parent argument blank");
    return value([...index.scenarios]);
  }
  if (dimension === "period") {
    if (parent === undefined) return value([...index.months]);
    const within = monthsOf(parent, context.model.fiscalYearStartMonth);
    if (within === null) {
      return error(
        "VALUE",
        `the parent of periods must be a period such as 2027, 2027-Q1 or FY2027 (got "${parent}")`,
      );
    }
    return value(index.months.filter((m) => within.includes(m)));
  }
  if (parent === undefined) return value(index.members.names(dimension));
  if (!index.members.has(dimension, parent)) {
    return error(
      "NA",
      `unknown ${dimension} member "${parent}" in model "${context.model.name}" version "${context.version.label}"`,
    );
  }
  return value(index.members.childrenOf(dimension, parent));
}

function answerModel(
  field: Extract<ParsedCellQuery, { kind: "model" }>["field"],
  context: Context,
): QueryResult {
  const { model, version } = context;
  const facts: Record<typeof field, string> = {
    name: model.name,
    version: version.label,
    status: version.status,
    published: version.publishedAt ?? "",
    currency: model.currency,
    server: context.server,
  };
  return value(facts[field]);
}

/** Why a query is not valid, naming the argument at fault. */
function describeInvalid(raw: unknown, issues: readonly z.core.$ZodIssue[]): string {
  const kind = typeof raw === "object" && raw !== null ? (raw as { kind?: unknown }).kind : undefined;
  if (typeof kind !== "string" || !QUERY_KINDS.includes(kind)) {
    return `a query must be an object whose "kind" is one of ${QUERY_KINDS.join(", ")}`;
  }
  return issues.map(issueText).join("; ");
}
