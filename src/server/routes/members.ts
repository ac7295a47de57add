import type { FastifyInstance } from "fastify";
import {
  MemberList,
  MemberParams,
  MemberQuery,
  UpsertMember,
  UpsertMembers,
  VersionParams,
  WriteResult,
} from "../../contract/api";
import type { Member } from "../../contract/model";
import { requireRole } from "../auth";
import type { Sql } from "../db";
import { deleteUnusedMember, putMembers } from "../draft-content";
import { readMembers } from "../store/members";
import type { VersionRow } from "../store/versions";
import type { ZodTypeProvider } from "./schema";
import { answerAboutVersion, writeDraft } from "./version-access";

/** The change that adds or updates members, audited with their count and (the first 100 of) their names. */
function upsertChange(members: readonly Member[]) {
  return async (tx: Sql, version: VersionRow) => {
    await putMembers(tx, version.id, members);
    const names = members.slice(0, 100).map((m) => `${m.dimension}:${m.name}`);
    return {
      action: "members.upsert",
      details: { count: members.length, members: names },
      count: members.length,
    };
  };
}

export default async function memberRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["members"];

  api.get(
    "/versions/:versionId/members",
    {
      schema: {
        summary: "Members of a version's dimensions (one dimension with ?dimension=)",
        tags,
        params: VersionParams,
        querystring: MemberQuery,
        response: { 200: MemberList },
      },
      onRequest: requireRole("viewer"),
    },
    async (request, reply) =>
      answerAboutVersion(app.db, request, reply, request.params.versionId, async (version) => ({
        members: await readMembers(app.db, version.id, request.query.dimension),
      })),
  );

  api.post(
    "/versions/:versionId/members",
    {
      schema: {
        summary: "Add members to a draft or update their parent and attributes (editor)",
        tags,
        params: VersionParams,
        body: UpsertMembers,
        response: { 200: WriteResult },
      },
      onRequest: requireRole("editor"),
    },
    async (request, reply) =>
      writeDraft(app.db, request, reply, request.params.versionId, upsertChange(request.body.members)),
  );

  api.put(
    "/versions/:versionId/members/:dimension/:name",
    {
      schema: {
        summary: "Add or update one member of a draft (editor)",
        tags,
        params: MemberParams,
        body: UpsertMember,
        response: { 200: WriteResult },
      },
      onRequest: requireRole("editor"),
    },
    async (request, reply) => {
      const { versionId, dimension, name } = request.params;
      return writeDraft(
        app.db,
        request,
        reply,
        versionId,
        upsertChange([{ dimension, name, ...request.body }]),
      );
    },
  );

  api.delete(
    "/versions/:versionId/members/:dimension/:name",
    {
      schema: {
        summary: "Delete a member nothing refers to from a draft (editor)",
        tags,
        params: MemberParams,
        response: { 200: WriteResult },
      },
      onRequest: requireRole("editor"),
    },
    async (request, reply) => {
      const { dimension, name } = request.params;
      return writeDraft(app.db, request, reply, request.params.versionId, async (tx, v) => {
        await deleteUnusedMember(tx, v.id, dimension, name);
        return { action: "members.delete", details: { member: `${dimension}:${name}` }, count: 1 };
      });
    },
  );
}
