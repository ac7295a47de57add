import type { FastifyInstance } from "fastify";
import { CreateModel, Model, ModelList, ModelParams } from "../../contract/api";
import { requireRole } from "../auth";
import { createModel } from "../models";
import { listModels, loadModel } from "../store/models";
import type { ZodTypeProvider } from "./schema";

export default async function modelRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["models"];

  api.get(
    "/models",
    {
      schema: { summary: "The tenant's models", tags, response: { 200: ModelList } },
      onRequest: requireRole("viewer"),
    },
    async (request) => ({ models: await listModels(app.db, request.auth.tenantId) }),
  );

  api.get(
    "/models/:modelId",
    {
      schema: { summary: "One model", tags, params: ModelParams, response: { 200: Model } },
      onRequest: requireRole("viewer"),
    },
    async (request) => loadModel(app.db, request.auth.tenantId, request.params.modelId),
  );

  api.post(
    "/models",
    {
      schema: { summary: "Create a model (admin)", tags, body: CreateModel, response: { 201: Model } },
      onRequest: requireRole("admin"),
    },
    async (request, reply) => {
      const { tenantId, userId } = request.auth;
      const model = await app.db.transaction((tx) => createModel(tx, tenantId, request.body, userId));
      reply.code(201);
      return model;
    },
  );
}
