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
import { AllocationStage, type Dimension, type Member } from "../../contract/model";
import { requireRole } from "../auth";
import type { Sql } from "../db";
import { HttpError } from "../errors";
import { STAGE_DIMENSIONS } from "../publish/rules";
import { duplicateProblems, hierarchyProblems, rejectProblems } from "../references";
import { countFactsNaming } from "../store/facts";
import { countChildren, deleteMember, membersOf, readMembers, upsertMembers } from "../store/members";
import { countRulesNaming } from "../store/rules";
import type { VersionRow } from "../store/versions";
import type { ZodTypeProvider } from "./schema";
import { answerAboutVersion, writeDraft } from "./version-access";

/** Adds new members (after the existing ones) and updates the parent and attributes of existing ones. */
async function writeMembers(tx: Sql, versionId: string, members: readonly Member[]): Promise<void> {
  const dimensions = [...new Set(members.map((m) => m.dimension))];
  const existing = await membersOf(tx, versionId, dimensions);
  const key = (m: { dimension: string; name: string }) => `${m.dimension}\u0000${m.name}`;
  const written = new Set(members.map(key));
  const merged = [...members, ...existing.filter((m) => !written.has(key(m)))];
  rejectProblems([
    ...duplicateProblems(members, key, (m) => `the ${m.dimension} "${m.name}"`, "members"),
    ...hierarchyProblems(merged, "members", members.length),
  ]);
  await upsertMembers(tx, versionId, members);
}

/** The change that adds or updates members, audited with their count and (the first 100 of) their names. */
function upsertChange(members: readonly Member[]) {
  return async (tx: Sql, version: VersionRow) => {
    await writeMembers(tx, version.id, members);
    const names = members.slice(0, 100).map((m) => `${m.dimension}:${m.name}`);
    return {
      action: "members.upsert",
      details: { count: members.length, members: names },
      count: members.length,
    };
  };
}

/** What still refers to a member, in words; empty when it can be deleted. */
async function memberUses(tx: Sql, versionId: string, dimension: Dimension, name: string): Promise<string[]> {
  const uses: string[] = [];
  const children = await countChildren(tx, versionId, dimension, name);
  if (children > 0) uses.push(`${children} child members`);
  const facts = await countFactsNaming(tx, versionId, dimension, name);
  if (facts.costLines > 0) uses.push(`${facts.costLines} cost lines`);
  if (facts.driverQuantities > 0) uses.push(`${facts.driverQuantities} driver quantities`);
  const rules = await countRulesNaming(tx, versionId, name, {
    sourceOf: AllocationStage.options.filter((s) => STAGE_DIMENSIONS[s].source === dimension),
    targetOf: AllocationStage.options.filter((s) => STAGE_DIMENSIONS[s].target === dimension),
    driver: dimension === "driver",
  });
  if (rules > 0) uses.push(`${rules} allocation rules`);
  return uses;
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
        const uses = await memberUses(tx, v.id, dimension, name);
        if (uses.length > 0) {
          throw new HttpError(
            409,
            "member_in_use",
            `The ${dimension} "${name}" is still used by ${uses.join(", ")}`,
          );
        }
        if (!(await deleteMember(tx, v.id, dimension, name))) {
          throw new HttpError(404, "not_found", `The ${dimension} "${name}" is not in this version`);
        }
        return { action: "members.delete", details: { member: `${dimension}:${name}` }, count: 1 };
      });
    },
  );
}
