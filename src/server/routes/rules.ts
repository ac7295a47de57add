import type { FastifyInstance } from "fastify";
import { ReplaceRules, RuleList, VersionParams, WriteResult } from "../../contract/api";
import { requireRole } from "../auth";
import { KnownNames, rejectProblems, ruleProblems } from "../references";
import { deleteRules, insertRules, readRules } from "../store/rules";
import { loadVersion } from "../store/versions";
import { changeDraft } from "./drafts";
import { sendVersioned, sendWritten } from "./etag";
import type { ZodTypeProvider } from "./schema";

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
          await deleteRules(tx, v.id);
          await insertRules(app.db, tx, v.id, rules);
          return { action: "rules.replace", details: { count: rules.length }, result: null };
        },
      );
      return sendWritten(reply, version, revision, rules.length);
    },
  );
}
