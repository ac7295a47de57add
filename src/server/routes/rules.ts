import type { FastifyInstance } from "fastify";
import { ReplaceRules, RuleList } from "../../contract/api";
import { KnownNames, rejectProblems, ruleProblems } from "../references";
import { deleteRules, insertRules, readRules } from "../store/rules";
import { routeGroup } from "./group";

export default async function ruleRoutes(app: FastifyInstance): Promise<void> {
  const { aboutVersion, draftChange } = routeGroup(app, ["rules"]);

  aboutVersion(
    "/versions/:versionId/rules",
    { summary: "The allocation rules of a version, in order", response: RuleList },
    async (version) => ({ rules: await readRules(app.db, version.id) }),
  );

  draftChange(
    "put",
    "/versions/:versionId/rules",
    { summary: "Replace all allocation rules of a draft (editor)", body: ReplaceRules },
    ({ body: { rules } }) =>
      async (tx, v) => {
        rejectProblems(ruleProblems(rules, await KnownNames.ofVersion(tx, v.id)));
        await deleteRules(tx, v.id);
        await insertRules(app.db, tx, v.id, rules);
        return { action: "rules.replace", details: { count: rules.length }, count: rules.length };
      },
  );
}
