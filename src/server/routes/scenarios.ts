import type { FastifyInstance } from "fastify";
import { AddScenarios, ScenarioList, ScenarioParams, VersionParams, WriteResult } from "../../contract/api";
import { requireRole } from "../auth";
import type { Sql } from "../db";
import { HttpError } from "../errors";
import { duplicateProblems, rejectProblems } from "./references";
import type { ZodTypeProvider } from "./schema";
import { changeDraft, loadVersion, sendVersioned, sendWritten } from "./versions-access";

export async function readScenarios(sql: Sql, versionId: string): Promise<{ name: string }[]> {
  const result = await sql.query<{ name: string }>(
    "SELECT name FROM scenarios WHERE version_id = $1 ORDER BY position, name",
    [versionId],
  );
  return result.rows;
}

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
          const added = await tx.query<{ name: string }>(
            `INSERT INTO scenarios (version_id, name, position)
           SELECT $1, n.name, (SELECT coalesce(max(position), -1) FROM scenarios WHERE version_id = $1) + n.ord
             FROM unnest($2::text[]) WITH ORDINALITY AS n(name, ord)
           ON CONFLICT (version_id, name) DO NOTHING RETURNING name`,
            [v.id, names],
          );
          const addedNames = added.rows.map((r) => r.name);
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
          const used = await tx.query<{ n: string }>(
            `SELECT (SELECT count(*) FROM cost_lines WHERE version_id = $1 AND scenario = $2)
                + (SELECT count(*) FROM driver_quantities WHERE version_id = $1 AND scenario = $2) AS n`,
            [v.id, name],
          );
          const facts = Number(used.rows[0].n);
          if (facts > 0) {
            throw new HttpError(
              409,
              "scenario_in_use",
              `The scenario "${name}" still has ${facts} cost lines and driver quantities`,
            );
          }
          const deleted = await tx.query(
            "DELETE FROM scenarios WHERE version_id = $1 AND name = $2 RETURNING name",
            [v.id, name],
          );
          if (deleted.rows.length === 0)
            throw new HttpError(404, "not_found", `The scenario "${name}" is not in this version`);
          return { action: "scenarios.delete", details: { scenario: name }, result: 1 };
        },
      );
      return sendWritten(reply, version, revision, 1);
    },
  );
}
