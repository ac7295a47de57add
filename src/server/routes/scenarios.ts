import type { FastifyInstance } from "fastify";
import { AddScenarios, ScenarioList, ScenarioParams } from "../../contract/api";
import { deleteUnusedScenario } from "../draft-content";
import { duplicateProblems, rejectProblems } from "../references";
import { addScenarios, readScenarios } from "../store/scenarios";
import { routeGroup } from "./group";

export default async function scenarioRoutes(app: FastifyInstance): Promise<void> {
  const { aboutVersion, draftChange } = routeGroup(app, ["scenarios"]);

  aboutVersion(
    "/versions/:versionId/scenarios",
    { summary: "The scenarios of a version", response: ScenarioList },
    async (version) => ({ scenarios: await readScenarios(app.db, version.id) }),
  );

  draftChange(
    "post",
    "/versions/:versionId/scenarios",
    {
      summary: "Add scenarios to a draft; those it has already are left as they are (editor)",
      body: AddScenarios,
    },
    (request) => {
      const names = request.body.scenarios.map((s) => s.name);
      rejectProblems(
        duplicateProblems(
          names,
          (n) => n,
          (n) => `the scenario "${n}"`,
          "scenarios",
        ),
      );
      return async (tx, v) => {
        const added = await addScenarios(tx, v.id, names);
        return { action: "scenarios.add", details: { added }, count: added.length };
      };
    },
  );

  draftChange(
    "delete",
    "/versions/:versionId/scenarios/:name",
    { summary: "Delete a scenario without facts from a draft (editor)", params: ScenarioParams },
    ({ params: { name } }) =>
      async (tx, v) => {
        await deleteUnusedScenario(tx, v.id, name);
        return { action: "scenarios.delete", details: { scenario: name }, count: 1 };
      },
  );
}
