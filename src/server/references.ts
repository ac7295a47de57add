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

function missing(known: KnownNames, dimension: Dimension | "scenario", name: string | undefined): boolean {
  return name !== undefined && !known.has(dimension, name);
}

function unknown(path: string, what: string, name: string): Problem {
  return { path, message: `${what} "${name}" is not in this version` };
}

const COST_LINE_MEMBERS = ["pool", "account", "tower", "service", "consumer"] as const;

export function costLineProblems(
  lines: readonly CostLine[],
  known: KnownNames,
  path = "costLines",
): Problem[] {
  const problems: Problem[] = [];
  lines.forEach((line, i) => {
    for (const dimension of COST_LINE_MEMBERS) {
      const name = line[dimension];
      if (missing(known, dimension, name))
        problems.push(unknown(`${path}.${i}.${dimension}`, `the ${dimension}`, name!));
    }
    if (missing(known, "scenario", line.scenario)) {
      problems.push(unknown(`${path}.${i}.scenario`, "the scenario", line.scenario));
    }
  });
  return problems;
}

export function driverQuantityProblems(
  quantities: readonly DriverQuantity[],
  known: KnownNames,
  path = "driverQuantities",
): Problem[] {
  const problems: Problem[] = [];
  quantities.forEach((q, i) => {
    if (missing(known, "driver", q.driver))
      problems.push(unknown(`${path}.${i}.driver`, "the driver", q.driver));
    if (!QUANTITY_DIMENSIONS.some((d) => known.has(d, q.member))) {
      problems.push({
        path: `${path}.${i}.member`,
        message: `the member "${q.member}" is not a tower, service or consumer of this version`,
      });
    }
    if (missing(known, "scenario", q.scenario))
      problems.push(unknown(`${path}.${i}.scenario`, "the scenario", q.scenario));
  });
  return problems;
}

export function ruleProblems(rules: readonly AllocationRule[], known: KnownNames, path = "rules"): Problem[] {
  const problems: Problem[] = [];
  rules.forEach((rule, i) => {
    const { source, target } = STAGE_DIMENSIONS[rule.stage];
    if (missing(known, source, rule.source))
      problems.push(unknown(`${path}.${i}.source`, `the ${source}`, rule.source));
    if (missing(known, "driver", rule.driver))
      problems.push(unknown(`${path}.${i}.driver`, "the driver", rule.driver!));
    rule.targets.forEach((t, j) => {
      if (missing(known, target, t.member)) {
        problems.push(unknown(`${path}.${i}.targets.${j}.member`, `the ${target}`, t.member));
      }
    });
  });
  return problems;
}

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
