import type { FastifyInstance } from "fastify";
import { ReplaceRules, RuleList, VersionParams, WriteResult } from "../../contract/api";
import { requireRole } from "../auth";
import { KnownNames, rejectProblems, ruleProblems } from "../references";
import { deleteRules, insertRules, readRules } from "../store/rules";
import type { ZodTypeProvider } from "./schema";
import { answerAboutVersion, writeDraft } from "./version-access";

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
    async (request, reply) =>
      answerAboutVersion(app.db, request, reply, request.params.versionId, async (version) => ({
        rules: await readRules(app.db, version.id),
      })),
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
      return writeDraft(app.db, request, reply, request.params.versionId, async (tx, v) => {
        rejectProblems(ruleProblems(rules, await KnownNames.ofVersion(tx, v.id)));
        await deleteRules(tx, v.id);
        await insertRules(app.db, tx, v.id, rules);
        return { action: "rules.replace", details: { count: rules.length }, count: rules.length };
      });
    },
  );
}
