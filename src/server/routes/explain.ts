import type { FastifyInstance } from "fastify";
import { ExplainAnswer, ExplainLinesAnswer, ExplainRequest } from "../../contract/explain";
import { explainCell, explainLines } from "../explain";
import { routeGroup } from "./group";

export default async function explainRoutes(app: FastifyInstance): Promise<void> {
  const { api, options } = routeGroup(app, ["query"]);
  api.post(
    "/explain",
    options("viewer", {
      summary: "Explain one COST or ALLOCATED cell down to its cost lines (viewer)",
      description:
        "The cell's value split stage by stage (consumer, services, towers, pools, cost lines), each part with " +
        "its amount, its share of its parent and the rule that moved it; every node's parts add up exactly to it.",
      body: ExplainRequest,
      response: { 200: ExplainAnswer },
    }),
    async (request) => explainCell(app.db, request.auth.tenantId, request.body),
  );
  api.post(
    "/explain/lines",
    options("viewer", {
      summary: "Every cost line behind one COST or ALLOCATED cell, with its part of the cell (viewer)",
      description:
        "Each booking's part of the cell split over its lines in proportion to their amounts, to the cent: the " +
        "parts of all the lines add up exactly to the cell's value. The largest parts first, at most 10,000 lines; " +
        "`more` counts the rest and what they make. Lines whose part is under a cent are left out.",
      body: ExplainRequest,
      response: { 200: ExplainLinesAnswer },
    }),
    async (request) => explainLines(app.db, request.auth.tenantId, request.body),
  );
}
