import type { FastifyInstance } from "fastify";
import { AddScenarios, ScenarioList, ScenarioParams, VersionParams, WriteResult } from "../../contract/api";
import { requireRole } from "../auth";
import { deleteUnusedScenario } from "../draft-content";
import { duplicateProblems, rejectProblems } from "../references";
import { addScenarios, readScenarios } from "../store/scenarios";
import type { ZodTypeProvider } from "./schema";
import { answerAboutVersion, writeDraft } from "./version-access";

export default async function scenarioRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["scenarios"];

  api.get(
    "/versions/:versionId/scenarios",
    {
      schema: {
        summary: "The scenarios of a version",
        tags,
        params: VersionParams,
        response: { 200: ScenarioList },
      },
      onRequest: requireRole("viewer"),
    },
    async (request, reply) =>
      answerAboutVersion(app.db, request, reply, request.params.versionId, async (version) => ({
        scenarios: await readScenarios(app.db, version.id),
      })),
  );

  api.post(
    "/versions/:versionId/scenarios",
    {
      schema: {
        summary: "Add scenarios to a draft; those it has already are left as they are (editor)",
        tags,
        params: VersionParams,
        body: AddScenarios,
        response: { 200: WriteResult },
      },
      onRequest: requireRole("editor"),
    },
    async (request, reply) => {
      const names = request.body.scenarios.map((s) => s.name);
      rejectProblems(
        duplicateProblems(
          names,
          (n) => n,
          (n) => `the scenario "${n}"`,
          "scenarios",
        ),
      );
      return writeDraft(app.db, request, reply, request.params.versionId, async (tx, v) => {
        const added = await addScenarios(tx, v.id, names);
        return { action: "scenarios.add", details: { added }, count: added.length };
      });
    },
  );

  api.delete(
    "/versions/:versionId/scenarios/:name",
    {
      schema: {
        summary: "Delete a scenario without facts from a draft (editor)",
        tags,
        params: ScenarioParams,
        response: { 200: WriteResult },
      },
      onRequest: requireRole("editor"),
    },
    async (request, reply) => {
      const { name } = request.params;
      return writeDraft(app.db, request, reply, request.params.versionId, async (tx, v) => {
        await deleteUnusedScenario(tx, v.id, name);
        return { action: "scenarios.delete", details: { scenario: name }, count: 1 };
      });
    },
  );
}
