import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { Id, Timestamp, VersionParams } from "../../contract/api";
import { publishVersion } from "../publish";
import { checkIfMatch, markChanged } from "./etag";
import { routeGroup } from "./group";

const Count = z.number().int().min(0);

export const PublishResult = z.object({
  versionId: Id,
  label: z.string(),
  status: z.literal("published"),
  publishedAt: Timestamp,
  revision: z.number().int(),
  /** Scenario-months allocated. */
  months: Count,
  memberCosts: Count,
  allocationResults: Count,
  unitRates: Count,
});

export default async function publishRoutes(app: FastifyInstance): Promise<void> {
  const { api, options } = routeGroup(app, ["versions"]);
  api.post(
    "/versions/:versionId/publish",
    options("admin", {
      summary: "Publish a draft (admin)",
      description:
        "Allocates the draft (pools to towers, towers to services, support services among themselves by the " +
        "reciprocal method, services to consumers, every stage to the cent), stores its member costs, allocation " +
        "results and unit rates, and marks it published, in one transaction: afterwards it never changes. " +
        "422 lists every problem that stops the allocation (a source with cost but no rule, percentages that " +
        "do not add up to 100, a driver that is zero on every target...) and nothing changes; 409 when the " +
        "version is already published; 412 when If-Match names an older revision.",
      params: VersionParams,
      response: { 200: PublishResult },
    }),
    async (request, reply) => {
      const { tenantId, userId } = request.auth;
      const summary = await publishVersion(app.db, {
        tenantId,
        userId,
        versionId: request.params.versionId,
        check: (version) => checkIfMatch(request, version),
      });
      markChanged(reply, summary.versionId, summary.revision);
      return summary;
    },
  );
}
