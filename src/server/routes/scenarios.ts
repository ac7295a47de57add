import type { FastifyInstance } from "fastify";
import { AddScenarios, ScenarioList, ScenarioParams, VersionParams, WriteResult } from "../../contract/api";
import { requireRole } from "../auth";
import { HttpError } from "../errors";
import { duplicateProblems, rejectProblems } from "../references";
import { countFactsInScenario } from "../store/facts";
import { addScenarios, deleteScenario, readScenarios } from "../store/scenarios";
import { loadVersion } from "../store/versions";
import { changeDraft } from "./drafts";
import { sendVersioned, sendWritten } from "./etag";
import type { ZodTypeProvider } from "./schema";

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
    async (request, reply) => {
      const version = await loadVersion(app.db, request.auth.tenantId, request.params.versionId);
      return sendVersioned(request, reply, version, { scenarios: await readScenarios(app.db, version.id) });
    },
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
      const { version, revision, result } = await changeDraft(
        app.db,
        request,
        request.params.versionId,
        async (tx, v) => {
          const addedNames = await addScenarios(tx, v.id, names);
          return { action: "scenarios.add", details: { added: addedNames }, result: addedNames.length };
        },
      );
      return sendWritten(reply, version, revision, result);
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
      const { version, revision } = await changeDraft(
        app.db,
        request,
        request.params.versionId,
        async (tx, v) => {
          const facts = await countFactsInScenario(tx, v.id, name);
          if (facts > 0) {
            throw new HttpError(
              409,
              "scenario_in_use",
              `The scenario "${name}" still has ${facts} cost lines and driver quantities`,
            );
          }
          if (!(await deleteScenario(tx, v.id, name)))
            throw new HttpError(404, "not_found", `The scenario "${name}" is not in this version`);
          return { action: "scenarios.delete", details: { scenario: name }, result: 1 };
        },
      );
      return sendWritten(reply, version, revision, 1);
    },
  );
}
