import type { ExplainAnswer, ExplainLinesAnswer, ExplainNode, ExplainRequest } from "../../contract/explain";
import { type Fixed, centsToText, fixedToText, parseFixed, sumFixed, toScale } from "../../engine/money";
import { monthsOfPeriod } from "../../contract/period";
import { ParsedCellQuery, issueText } from "../../contract/query";
import type { Database } from "../db";
import { HttpError } from "../errors";
import { type PreparedRun, prepareRun } from "../publish/compute";
import { loadVersionInputs } from "../publish/inputs";
import type { TracedDimension } from "../publish/month";
import { answerQueries, resolveVersions } from "../query/answer";
import { ALLOCATING_DIMENSIONS, MEASURED_DIMENSIONS } from "../query/lookup-order";
import { LruMap } from "../query/lru";
import { type BookedLines, largestLinesByBooking, linesOfPools } from "../store/lines";
import { type BookingPart, bookingParts, linesOfCell } from "./cell-lines";
import { type MonthDetail, monthDetail } from "./month-detail";
import { SHOWN_LINES, mergeMonths, toAnswer } from "./output";
import { type MonthNode, MonthTree } from "./tree";

/** What explaining a version needs, kept by version id and revision: its run, its months, their lines. */
interface Explainable {
  run: Promise<PreparedRun>;
  months: Map<string, { detail: MonthDetail; tree: MonthTree } | null>;
  /** The largest lines of every booking, by scenario and months. */
  lines: LruMap<string, Promise<Map<string, BookedLines>>>;
}

const explainable = new LruMap<string, Explainable>(4);

function explainableVersion(db: Database, version: { id: string; revision: number }): Explainable {
  const key = `${version.id}\u0000${version.revision}`;
  let found = explainable.get(key);
  if (found === undefined) {
    found = {
      run: loadVersionInputs(db, version.id).then(prepareRun),
      months: new Map(),
      lines: new LruMap(64),
    };
    explainable.set(key, found);
  }
  return found;
}

function bookedLines(
  db: Database,
  versionId: string,
  cached: Explainable,
  where: { scenario: string; months: readonly string[] },
) {
  const key = `${where.scenario}\u0000${where.months.join(",")}`;
  let found = cached.lines.get(key);
  if (found === undefined) {
    found = largestLinesByBooking(db, versionId, where.scenario, where.months, SHOWN_LINES);
    cached.lines.set(key, found);
  }
  return found;
}

/**
 * Explains one cell: its value split stage by stage down to the cost lines, every node's children
 * adding up exactly to it, summed over the months of the period.
 */
export async function explainCell(
  db: Database,
  tenantId: string,
  request: Required<ExplainRequest>,
): Promise<ExplainAnswer> {
  const query = explainedQuery(request);
  const { value, scenario, months, monthsRun, versionId, cached } = await runCell(
    db,
    tenantId,
    request,
    query,
  );
  const details = monthsRun.map((m) => m.detail);
  const booked = await bookedLines(db, versionId, cached, { scenario, months });
  const tree =
    query.kind === "rate"
      ? explainRate(monthsRun, booked, query.service, value)
      : query.kind === "driver"
        ? explainDriver(details, query.driver, query.consumer, value)
        : toAnswer(mergeMonths(monthsRun.map((m) => cellNode(m.tree, m.detail, query))), booked);
  return { value, scenario, months, tree };
}

/**
 * Every cost line behind a COST or ALLOCATED cell, each with its part of the cell: the parts of
 * all the lines (those shown and those past the cap) add up exactly to the cell's value.
 */
export async function explainLines(
  db: Database,
  tenantId: string,
  request: Required<ExplainRequest>,
): Promise<ExplainLinesAnswer> {
  const query = explainedQuery(request);
  if (query.kind !== "cost" && query.kind !== "allocated") {
    throw new HttpError(
      400,
      "validation",
      `only COST and ALLOCATED cells have cost lines behind them, not ${query.kind.toUpperCase()}`,
    );
  }
  const { value, scenario, months, monthsRun, versionId } = await runCell(db, tenantId, request, query);
  const parts = new Map<string, BookingPart>();
  monthsRun.forEach((m, i) => bookingParts(cellNode(m.tree, m.detail, query), months[i], parts));
  const pools = [...new Set([...parts.values()].map((p) => p.booking.pool))];
  const lines = await linesOfPools(db, versionId, { scenario, months, pools });
  return { value, scenario, months, ...linesOfCell(parts, lines) };
}

type ExplainedQuery = Extract<ParsedCellQuery, { kind: "cost" | "allocated" | "rate" | "driver" }>;

/** The request's cell query, refused before any work when it is not one explain takes. */
function explainedQuery(request: Required<ExplainRequest>): ExplainedQuery {
  const parsed = ParsedCellQuery.safeParse(request.query);
  if (!parsed.success) throw new HttpError(400, "validation", parsed.error.issues.map(issueText).join("; "));
  const query = parsed.data;
  if (query.kind === "members" || query.kind === "model" || query.kind === "lines") {
    throw new HttpError(
      400,
      "validation",
      `only COST, ALLOCATED, RATE and DRIVER cells are explained, not ${query.kind.toUpperCase()}`,
    );
  }
  return query;
}

/** The cell's value and its version's months run, each month's tree ready. */
async function runCell(
  db: Database,
  tenantId: string,
  request: Required<ExplainRequest>,
  query: ExplainedQuery,
) {
  const versionRef = query.version ?? request.version;
  const resolution = (await resolveVersions(db, tenantId, request.model, [versionRef])).get(versionRef);
  if (resolution === undefined || "error" in resolution)
    throw new HttpError(404, "not_found", resolution?.error ?? "the version was not found");
  const scenario = query.scenario ?? request.scenario;
  const months = monthsOfPeriod(query.period.parsed, resolution.model.fiscalYearStartMonth);
  const cached = explainableVersion(db, resolution.version);
  const run = await cached.run;
  const monthsRun: { detail: MonthDetail; tree: MonthTree }[] = [];
  for (const period of months) {
    const key = `${scenario}\u0000${period}`;
    if (!cached.months.has(key)) {
      const detail = monthDetail(run, scenario, period);
      cached.months.set(key, detail === null ? null : { detail, tree: new MonthTree(detail) });
    }
    const month = cached.months.get(key);
    if (month === null || month === undefined) {
      const [problem] = run.problems.list();
      const why = problem === undefined ? "" : `: ${problem.message}`;
      throw new HttpError(422, "allocation_failed", `${scenario} ${period} cannot be allocated${why}`);
    }
    monthsRun.push(month);
  }
  const [answered] = (await answerQueries(db, tenantId, { ...request, queries: [request.query] })).results;
  if ("error" in answered) throw new HttpError(404, "not_found", answered.error.message);
  const value = String(answered.value);
  return { value, scenario, months, monthsRun, versionId: resolution.version.id, cached };
}

/** A unit rate: the cost the service charges out (its own, and what support services pass it) over its driver's volume. */
function explainRate(
  months: readonly { detail: MonthDetail; tree: MonthTree }[],
  booked: ReadonlyMap<string, BookedLines>,
  service: string,
  value: string,
): ExplainNode {
  const details = months.map((m) => m.detail);
  const own = toAnswer(mergeMonths(months.map((m) => m.tree.cost("service", service))), booked);
  const charged = details.reduce((sum, d) => sum + (d.chargedOut.get(service) ?? 0n), 0n);
  const received = charged - toScale(parseFixed(own.amount), 2);
  const costChildren: ExplainNode[] = [own];
  if (received !== 0n) {
    costChildren.push({
      kind: "support",
      name: "From the support services (reciprocal method)",
      amount: centsToText(received),
      children: [],
    });
  }
  const driver = details[0]?.run.context.rateDrivers.get(service) ?? "";
  const volume = quantities(details, driver, null);
  return {
    kind: "rate",
    name: service,
    amount: value,
    children: [
      { kind: "cost", name: "Cost charged out", amount: centsToText(charged), children: costChildren },
      volume,
    ],
  };
}

/** A driver's quantities on the members it is measured on (those under `under`, or all), largest first. */
function quantities(details: readonly MonthDetail[], driver: string, under: string[] | null): ExplainNode {
  const byMember = new Map<string, Fixed>();
  for (const d of details) {
    for (const [member, q] of d.run.context.quantities.onMembers(driver, d.scenario, d.period)) {
      if (under !== null && !under.includes(member)) continue;
      const known = byMember.get(member);
      byMember.set(member, known === undefined ? q : sumFixed([known, q]));
    }
  }
  const total = sumFixed(byMember.values());
  const children = [...byMember]
    .filter(([, q]) => q.units !== 0n)
    .sort(([, a], [, b]) => compareFixed(b, a))
    .map(([member, q]) => ({ kind: "quantity", name: member, amount: fixedToText(q), children: [] }));
  return { kind: "volume", name: driver, amount: fixedToText(total), children };
}

function explainDriver(
  details: readonly MonthDetail[],
  driver: string,
  member: string,
  value: string,
): ExplainNode {
  const members = details[0]?.run.context.members;
  const dimension = MEASURED_DIMENSIONS.find((d) => members?.has(d, member));
  const under =
    dimension === undefined || members === undefined ? [member] : members.subtree(dimension, member);
  return {
    ...quantities(details, driver, under),
    kind: "driver",
    name: `${driver} of ${member}`,
    amount: value,
  };
}

function compareFixed(a: Fixed, b: Fixed): number {
  const scale = Math.max(a.scale, b.scale);
  const [x, y] = [toScale(a, scale), toScale(b, scale)];
  return x > y ? 1 : x < y ? -1 : 0;
}

function cellNode(
  tree: MonthTree,
  detail: MonthDetail,
  query: Extract<ParsedCellQuery, { kind: "cost" | "allocated" }>,
): MonthNode {
  const members = detail.run.context.members;
  const leaves = (dimension: "pool" | "tower" | "service" | "consumer", name: string) =>
    members.subtree(dimension, name).filter((m) => members.childrenOf(dimension, m).length === 0);
  const dimension =
    ALLOCATING_DIMENSIONS.find(
      (d) => members.has(d, query.member) || detail.ledger.cost[d].has(query.member),
    ) ?? (members.has("consumer", query.member) ? "consumer" : undefined);
  if (dimension === undefined) {
    throw new HttpError(
      400,
      "validation",
      `"${query.member}" is a GL account: explain covers pools, towers, services and consumers`,
    );
  }
  const rollUp = (children: MonthNode[]): MonthNode =>
    children.length === 1 && children[0].name === query.member
      ? children[0]
      : {
          key: `${dimension}\u0000${query.member}`,
          kind: dimension,
          name: query.member,
          cents: children.reduce((s, c) => s + c.cents, 0n),
          children,
        };
  if (query.kind === "cost") {
    if (dimension === "consumer")
      return rollUp(leaves("consumer", query.member).map((c) => tree.consumerCost(c)));
    return rollUp(leaves(dimension, query.member).map((m) => tree.cost(dimension, m)));
  }
  // The cell's value was asked first: ALLOCATED of anything but a pool, tower or service was refused there.
  const traced = dimension as TracedDimension;
  const pairs = leaves(traced, query.member).flatMap((m) =>
    leaves("consumer", query.consumer).map((c) => tree.allocated(traced, m, c)),
  );
  return rollUp(pairs.filter((node) => node.cents !== 0n));
}
