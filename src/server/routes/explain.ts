import type { FastifyInstance } from "fastify";
import { ExplainAnswer, ExplainRequest } from "../../contract/explain";
import { explainCell } from "../explain";
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
}
