import type { AllocationStage, Dimension } from "../../contract/model";
import { parseFixed, toScale, unitsToText } from "../../engine/money";
import type { RuleRow } from "./inputs";
import type { MemberIndex } from "./members";
import type { Problems } from "./problems";

export const STAGE_DIMENSIONS = {
  pool_to_tower: { source: "pool", target: "tower" },
  tower_to_service: { source: "tower", target: "service" },
  service_to_service: { source: "service", target: "service" },
  service_to_consumer: { source: "service", target: "consumer" },
} as const satisfies Record<AllocationStage, { source: Dimension; target: Dimension }>;

export const STAGE_NAMES: Record<AllocationStage, string> = {
  pool_to_tower: "pool-to-tower",
  tower_to_service: "tower-to-service",
  service_to_service: "service-to-service",
  service_to_consumer: "service-to-consumer",
};

export interface Rule {
  stage: AllocationStage;
  source: string;
  method: RuleRow["method"];
  driver: string | null;
  targets: string[];
  /** Method "percent": each target's percent as whole units of the finest decimal written. */
  percents: bigint[] | null;
}

/** The valid rules of a version, one per stage and source. */
export class RuleBook {
  private readonly rules = new Map<string, Rule>();
  /** Sources whose rule was refused: their missing rule is not reported a second time. */
  private readonly refused = new Set<string>();
  /** Support services: the sources of the service-to-service stage, in rule order. */
  readonly supports: string[] = [];

  get(stage: AllocationStage, source: string): Rule | undefined {
    return this.rules.get(ruleKey(stage, source));
  }

  wasRefused(stage: AllocationStage, source: string): boolean {
    return this.refused.has(ruleKey(stage, source));
  }

  isSupport(service: string): boolean {
    return this.rules.has(ruleKey("service_to_service", service));
  }

  static read(rows: readonly RuleRow[], members: MemberIndex, problems: Problems): RuleBook {
    const book = new RuleBook();
    for (const row of rows) {
      const key = ruleKey(row.stage, row.source);
      const complaints = checkRule(row, members);
      if (book.rules.has(key) || book.refused.has(key)) {
        complaints.push(`"${row.source}" has more than one ${STAGE_NAMES[row.stage]} rule`);
      }
      if (complaints.length > 0) {
        for (const complaint of complaints) problems.add("invalid_rule", complaint);
        book.refused.add(key);
        book.rules.delete(key);
        continue;
      }
      book.rules.set(key, {
        stage: row.stage,
        source: row.source,
        method: row.method,
        driver: row.driver,
        targets: row.targets.map((t) => t.member),
        percents: row.method === "percent" ? percentUnits(row) : null,
      });
      if (row.stage === "service_to_service") book.supports.push(row.source);
    }
    for (const support of book.supports) {
      if (book.get("service_to_service", support) === undefined) continue;
      if (book.get("service_to_consumer", support) !== undefined) {
        problems.add(
          "invalid_rule",
          `service "${support}" has both a service-to-service rule and a service-to-consumer rule: ` +
            "a support service passes all of its cost on to other services, so keep only one of the two",
        );
      }
    }
    return book;
  }
}

function ruleKey(stage: AllocationStage, source: string): string {
  return `${stage}\u0000${source}`;
}

function checkRule(row: RuleRow, members: MemberIndex): string[] {
  const { source: sourceDimension, target: targetDimension } = STAGE_DIMENSIONS[row.stage];
  const rule = `the ${STAGE_NAMES[row.stage]} rule for "${row.source}"`;
  const complaints: string[] = [];
  if (!members.has(sourceDimension, row.source)) {
    complaints.push(`${rule} starts from an unknown ${sourceDimension} "${row.source}"`);
  }
  const seen = new Set<string>();
  for (const target of row.targets) {
    if (!members.has(targetDimension, target.member)) {
      complaints.push(`${rule} names an unknown ${targetDimension} "${target.member}" as a target`);
    }
    if (seen.has(target.member)) complaints.push(`${rule} lists the target "${target.member}" twice`);
    seen.add(target.member);
  }
  if (row.method === "driver") {
    if (row.driver === null) complaints.push(`${rule} allocates by driver but names no driver`);
    else if (!members.has("driver", row.driver))
      complaints.push(`${rule} names an unknown driver "${row.driver}"`);
  }
  if (row.method === "percent") complaints.push(...checkPercents(row, rule));
  return complaints;
}

function checkPercents(row: RuleRow, rule: string): string[] {
  const missing = row.targets.filter((t) => t.percent === undefined).map((t) => `"${t.member}"`);
  if (missing.length > 0)
    return [`${rule} allocates by percent but gives no percent for ${missing.join(", ")}`];
  const negative = row.targets.filter((t) => (t.percent as string).startsWith("-"));
  if (negative.length > 0) {
    return [`${rule} gives a negative percent to ${negative.map((t) => `"${t.member}"`).join(", ")}`];
  }
  const units = percentUnits(row);
  const scale = Math.max(...row.targets.map((t) => parseFixed(t.percent as string).scale));
  const total = units.reduce((sum, u) => sum + u, 0n);
  if (total !== 100n * 10n ** BigInt(scale)) {
    return [`${rule} has percentages that add up to ${unitsToText(total, scale)}, not 100`];
  }
  return [];
}

function percentUnits(row: RuleRow): bigint[] {
  const values = row.targets.map((t) => parseFixed(t.percent as string));
  const scale = Math.max(...values.map((v) => v.scale));
  return values.map((v) => toScale(v, scale));
}
