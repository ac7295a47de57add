import type { FastifyInstance } from "fastify";
import { MemberList, MemberParams, MemberQuery, UpsertMember, UpsertMembers } from "../../contract/api";
import type { Member } from "../../contract/model";
import { deleteUnusedMember, putMembers } from "../draft-content";
import { readMembers } from "../store/members";
import { routeGroup } from "./group";
import type { DraftWrite } from "./version-access";

/** The change that adds or updates members, audited with their count and (the first 100 of) their names. */
function upsertChange(members: readonly Member[]): DraftWrite {
  return async (tx, version) => {
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
  const { aboutVersion, draftChange } = routeGroup(app, ["members"]);

  aboutVersion(
    "/versions/:versionId/members",
    {
      summary: "Members of a version's dimensions (one dimension with ?dimension=)",
      querystring: MemberQuery,
      response: MemberList,
    },
    async (version, request) => ({
      members: await readMembers(app.db, version.id, request.query.dimension),
    }),
  );

  draftChange(
    "post",
    "/versions/:versionId/members",
    { summary: "Add members to a draft or update their parent and attributes (editor)", body: UpsertMembers },
    (request) => upsertChange(request.body.members),
  );

  draftChange(
    "put",
    "/versions/:versionId/members/:dimension/:name",
    { summary: "Add or update one member of a draft (editor)", params: MemberParams, body: UpsertMember },
    ({ params: { dimension, name }, body }) => upsertChange([{ dimension, name, ...body }]),
  );

  draftChange(
    "delete",
    "/versions/:versionId/members/:dimension/:name",
    { summary: "Delete a member nothing refers to from a draft (editor)", params: MemberParams },
    ({ params: { dimension, name } }) =>
      async (tx, v) => {
        await deleteUnusedMember(tx, v.id, dimension, name);
        return { action: "members.delete", details: { member: `${dimension}:${name}` }, count: 1 };
      },
  );
}
