import type { FastifyInstance } from "fastify";
import { CreateModel, Model, ModelList, ModelParams } from "../../contract/api";
import { createModel } from "../models";
import { listModels, loadModel } from "../store/models";
import { routeGroup } from "./group";

export default async function modelRoutes(app: FastifyInstance): Promise<void> {
  const { api, options } = routeGroup(app, ["models"]);

  api.get(
    "/models",
    options("viewer", { summary: "The tenant's models", response: { 200: ModelList } }),
    async (request) => ({ models: await listModels(app.db, request.auth.tenantId) }),
  );

  api.get(
    "/models/:modelId",
    options("viewer", { summary: "One model", params: ModelParams, response: { 200: Model } }),
    async (request) => loadModel(app.db, request.auth.tenantId, request.params.modelId),
  );

  api.post(
    "/models",
    options("admin", { summary: "Create a model (admin)", body: CreateModel, response: { 201: Model } }),
    async (request, reply) => {
      const { tenantId, userId } = request.auth;
      const model = await app.db.transaction((tx) => createModel(tx, tenantId, request.body, userId));
      reply.code(201);
      return model;
    },
  );
}
