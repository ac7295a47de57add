import type { FastifyInstance } from "fastify";
import { LinesPage, LinesQuery } from "../../contract/lines";
import { linesOfMember } from "../drill/lines";
import { loadModel } from "../store/models";
import { routeGroup } from "./group";

export default async function lineRoutes(app: FastifyInstance): Promise<void> {
  const { aboutVersion } = routeGroup(app, ["facts"]);

  aboutVersion(
    "/versions/:versionId/lines",
    {
      summary:
        "Drill-through: the cost lines under a member for a month, quarter or year, roll-ups included, a page at a time",
      querystring: LinesQuery,
      response: LinesPage,
    },
    async (version, request) => {
      const model = await loadModel(app.db, request.auth.tenantId, version.modelId);
      return linesOfMember(app.db, version, model.fiscalYearStartMonth, request.query);
    },
  );
}
