import type { AllocationRule, CostLine, Dimension, DriverQuantity, Member } from "../contract/model";
import type { Sql } from "./db";
import { HttpError } from "./errors";
import { STAGE_DIMENSIONS } from "./publish/rules";
import { memberNames } from "./store/members";
import { scenarioNames } from "./store/scenarios";

export interface Problem {
  path: string;
  message: string;
}

/** At most this many problems are listed in one answer; the message gives the total. */
const LISTED_PROBLEMS = 1000;

/** Driver quantities are measured on the targets of allocation rules. */
const QUANTITY_DIMENSIONS: readonly Dimension[] = ["tower", "service", "consumer"];

/** The members and scenarios of a version, to check what new content refers to. */
export class KnownNames {
  private readonly names = new Set<string>();

  constructor(members: Iterable<{ dimension: Dimension; name: string }>, scenarios: Iterable<string>) {
    for (const m of members) this.names.add(`${m.dimension}\u0000${m.name}`);
    for (const s of scenarios) this.names.add(`scenario\u0000${s}`);
  }

  static async ofVersion(sql: Sql, versionId: string): Promise<KnownNames> {
    return new KnownNames(await memberNames(sql, versionId), await scenarioNames(sql, versionId));
  }

  add(dimension: Dimension | "scenario", name: string): void {
    this.names.add(`${dimension}\u0000${name}`);
  }

  has(dimension: Dimension | "scenario", name: string): boolean {
    return this.names.has(`${dimension}\u0000${name}`);
  }
}

type Named = Dimension | "scenario";

/** A name a piece of content refers to: the field it stands in, and the dimensions it may belong to. */
interface Reference {
  field: string;
  name: string | undefined;
  dimensions: readonly Named[];
}

function reference(field: string, dimension: Named, name: string | undefined): Reference {
  return { field, name, dimensions: [dimension] };
}

function notKnown(dimensions: readonly Named[], name: string): string {
  if (dimensions.length === 1) return `the ${dimensions[0]} "${name}" is not in this version`;
  const choices = `${dimensions.slice(0, -1).join(", ")} or ${dimensions[dimensions.length - 1]}`;
  return `the member "${name}" is not a ${choices} of this version`;
}

/**
 * The check of one kind of content: a problem for every name its items refer to that is not a member
 * (or scenario) of the version, at `path` in the request.
 */
function referenceCheck<T>(defaultPath: string, referencesOf: (item: T) => Reference[]) {
  return (items: readonly T[], known: KnownNames, path = defaultPath): Problem[] => {
    const problems: Problem[] = [];
    items.forEach((item, i) => {
      for (const { field, name, dimensions } of referencesOf(item)) {
        if (name === undefined || dimensions.some((d) => known.has(d, name))) continue;
        problems.push({ path: `${path}.${i}.${field}`, message: notKnown(dimensions, name) });
      }
    });
    return problems;
  };
}

const COST_LINE_MEMBERS = ["pool", "account", "tower", "service", "consumer"] as const;

export const costLineProblems = referenceCheck<CostLine>("costLines", (line) => [
  ...COST_LINE_MEMBERS.map((dimension) => reference(dimension, dimension, line[dimension])),
  reference("scenario", "scenario", line.scenario),
]);

export const driverQuantityProblems = referenceCheck<DriverQuantity>("driverQuantities", (q) => [
  reference("driver", "driver", q.driver),
  { field: "member", name: q.member, dimensions: QUANTITY_DIMENSIONS },
  reference("scenario", "scenario", q.scenario),
]);

export const ruleProblems = referenceCheck<AllocationRule>("rules", (rule) => {
  const { source, target } = STAGE_DIMENSIONS[rule.stage];
  return [
    reference("source", source, rule.source),
    reference("driver", "driver", rule.driver),
    ...rule.targets.map((t, j) => reference(`targets.${j}.member`, target, t.member)),
  ];
});

/**
 * Every parent must be a member of the same dimension, and no member may be its own ancestor. Only the
 * first `checked` members (those of the request) are reported; the others are the version's.
 */
export function hierarchyProblems(
  members: readonly Pick<Member, "dimension" | "name" | "parent">[],
  path = "members",
  checked = members.length,
): Problem[] {
  const parents = new Map<string, string | null>();
  for (const m of members) parents.set(`${m.dimension}\u0000${m.name}`, m.parent);
  const problems: Problem[] = [];
  members.slice(0, checked).forEach((m, i) => {
    if (m.parent === null) return;
    if (!parents.has(`${m.dimension}\u0000${m.parent}`)) {
      problems.push({
        path: `${path}.${i}.parent`,
        message: `the parent ${m.dimension} "${m.parent}" is not in this version`,
      });
      return;
    }
    const seen = new Set<string>([m.name]);
    for (
      let up: string | null | undefined = m.parent;
      up != null;
      up = parents.get(`${m.dimension}\u0000${up}`)
    ) {
      if (seen.has(up)) {
        problems.push({
          path: `${path}.${i}.parent`,
          message: `the ${m.dimension} "${m.name}" would be its own ancestor`,
        });
        return;
      }
      seen.add(up);
    }
  });
  return problems;
}

/** Names listed twice in one request (the same member, scenario... written twice). */
export function duplicateProblems<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  describe: (item: T) => string,
  path: string,
): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (seen.has(key)) problems.push({ path: `${path}.${i}`, message: `${describe(item)} is listed twice` });
    seen.add(key);
  });
  return problems;
}

/** 422 listing the problems; nothing of the request has been written. */
export function rejectProblems(problems: readonly Problem[]): void {
  if (problems.length === 0) return;
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : "";
  throw new HttpError(
    422,
    "invalid_content",
    `Nothing was written: ${first.path}: ${first.message}${more}`,
    problems.slice(0, LISTED_PROBLEMS),
  );
}
