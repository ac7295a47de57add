import type { FastifyInstance } from "fastify";
import { ReplaceRules, RuleList, VersionParams, WriteResult } from "../../contract/api";
import type { AllocationRule } from "../../contract/model";
import { requireRole } from "../auth";
import type { Database, Sql } from "../db";
import { KnownNames, rejectProblems, ruleProblems } from "./references";
import type { ZodTypeProvider } from "./schema";
import { changeDraft, loadVersion, sendVersioned, sendWritten } from "./versions-access";

interface RuleRow {
  stage: AllocationRule["stage"];
  source: string;
  method: AllocationRule["method"];
  driver: string | null;
  targets: { member: string; percent?: string }[];
}

/** A rule as the contract writes it, with a fixed key order (the backup is compared byte for byte). */
function toRule(row: RuleRow): AllocationRule {
  const rule: AllocationRule = { stage: row.stage, source: row.source, method: row.method, targets: [] };
  if (row.driver !== null) rule.driver = row.driver;
  rule.targets = row.targets.map((t) =>
    t.percent === undefined ? { member: t.member } : { member: t.member, percent: t.percent },
  );
  return rule;
}

export async function readRules(sql: Sql, versionId: string): Promise<AllocationRule[]> {
  const result = await sql.query<RuleRow>(
    "SELECT stage, source, method, driver, targets FROM allocation_rules WHERE version_id = $1 ORDER BY position, id",
    [versionId],
  );
  return result.rows.map(toRule);
}

export async function insertRules(
  db: Database,
  tx: Sql,
  versionId: string,
  rules: readonly AllocationRule[],
): Promise<void> {
  await db.copyRows(
    tx,
    "allocation_rules",
    ["version_id", "position", "stage", "source", "method", "driver", "targets"],
    rules.map((rule, i) => [
      versionId,
      i,
      rule.stage,
      rule.source,
      rule.method,
      rule.driver ?? null,
      JSON.stringify(rule.targets.map((t) => (t.percent === undefined ? { member: t.member } : t))),
    ]),
  );
}

export default async function ruleRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["rules"];

  api.get(
    "/versions/:versionId/rules",
    {
      schema: {
        summary: "The allocation rules of a version, in order",
        tags,
        params: VersionParams,
        response: { 200: RuleList },
      },
      onRequest: requireRole("viewer"),
    },
    async (request, reply) => {
      const version = await loadVersion(app.db, request.auth.tenantId, request.params.versionId);
      return sendVersioned(request, reply, version, { rules: await readRules(app.db, version.id) });
    },
  );

  api.put(
    "/versions/:versionId/rules",
    {
      schema: {
        summary: "Replace all allocation rules of a draft (editor)",
        tags,
        params: VersionParams,
        body: ReplaceRules,
        response: { 200: WriteResult },
      },
      onRequest: requireRole("editor"),
    },
    async (request, reply) => {
      const { rules } = request.body;
      const { version, revision } = await changeDraft(
        app.db,
        request,
        request.params.versionId,
        async (tx, v) => {
          rejectProblems(ruleProblems(rules, await KnownNames.ofVersion(tx, v.id)));
          await tx.query("DELETE FROM allocation_rules WHERE version_id = $1", [v.id]);
          await insertRules(app.db, tx, v.id, rules);
          return { action: "rules.replace", details: { count: rules.length }, result: null };
        },
      );
      return sendWritten(reply, version, revision, rules.length);
    },
  );
}
