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
import { duplicateProblems, hierarchyProblems, rejectProblems } from "./references";
import type { ZodTypeProvider } from "./schema";
import { type VersionRow, changeDraft, loadVersion, sendVersioned, sendWritten } from "./versions-access";

/** Members in the order the API lists them: by dimension, then as they were added. */
export const MEMBER_ORDER = `array_position(ARRAY['account','pool','tower','service','consumer','driver'], dimension), position, name`;

interface MemberRow {
  dimension: Dimension;
  name: string;
  parent: string | null;
  attributes: Record<string, string>;
}

export async function readMembers(sql: Sql, versionId: string, dimension?: Dimension): Promise<Member[]> {
  const result = await sql.query<MemberRow>(
    `SELECT dimension, name, parent, attributes FROM members
      WHERE version_id = $1 AND ($2::text IS NULL OR dimension = $2)
      ORDER BY ${MEMBER_ORDER}`,
    [versionId, dimension ?? null],
  );
  return result.rows.map((m) => ({
    dimension: m.dimension,
    name: m.name,
    parent: m.parent,
    attributes: m.attributes,
  }));
}

/** Adds new members (after the existing ones) and updates the parent and attributes of existing ones. */
async function upsertMembers(tx: Sql, version: VersionRow, members: readonly Member[]): Promise<void> {
  const dimensions = [...new Set(members.map((m) => m.dimension))];
  const existing = await tx.query<{ dimension: Dimension; name: string; parent: string | null }>(
    "SELECT dimension, name, parent FROM members WHERE version_id = $1 AND dimension = ANY($2::text[])",
    [version.id, dimensions],
  );
  const key = (m: { dimension: string; name: string }) => `${m.dimension}\u0000${m.name}`;
  const written = new Set(members.map(key));
  const merged = [...members, ...existing.rows.filter((m) => !written.has(key(m)))];
  rejectProblems([
    ...duplicateProblems(members, key, (m) => `the ${m.dimension} "${m.name}"`, "members"),
    ...hierarchyProblems(merged, "members", members.length),
  ]);
  const next = await tx.query<{ position: number }>(
    "SELECT coalesce(max(position), -1) + 1 AS position FROM members WHERE version_id = $1",
    [version.id],
  );
  const first = Number(next.rows[0].position);
  await tx.query(
    `INSERT INTO members (version_id, dimension, name, parent, attributes, position)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[], $6::integer[])
     ON CONFLICT (version_id, dimension, name) DO UPDATE SET parent = EXCLUDED.parent, attributes = EXCLUDED.attributes`,
    [
      version.id,
      members.map((m) => m.dimension),
      members.map((m) => m.name),
      members.map((m) => m.parent),
      members.map((m) => JSON.stringify(m.attributes)),
      members.map((_, i) => first + i),
    ],
  );
}

const COST_LINE_COLUMN: Partial<Record<Dimension, string>> = {
  pool: "pool",
  account: "account",
  tower: "tower",
  service: "service",
  consumer: "consumer",
};

/** What still refers to a member, in words; empty when it can be deleted. */
async function memberUses(tx: Sql, versionId: string, dimension: Dimension, name: string): Promise<string[]> {
  const count = async (text: string, params: unknown[]) =>
    Number((await tx.query<{ n: string }>(text, params)).rows[0].n);
  const uses: string[] = [];
  const children = await count(
    "SELECT count(*) AS n FROM members WHERE version_id = $1 AND dimension = $2 AND parent = $3",
    [versionId, dimension, name],
  );
  if (children > 0) uses.push(`${children} child members`);
  const column = COST_LINE_COLUMN[dimension];
  if (column !== undefined) {
    const lines = await count(
      `SELECT count(*) AS n FROM cost_lines WHERE version_id = $1 AND ${column} = $2`,
      [versionId, name],
    );
    if (lines > 0) uses.push(`${lines} cost lines`);
  }
  const quantityColumn =
    dimension === "driver"
      ? "driver"
      : ["tower", "service", "consumer"].includes(dimension)
        ? "member"
        : null;
  if (quantityColumn !== null) {
    const quantities = await count(
      `SELECT count(*) AS n FROM driver_quantities WHERE version_id = $1 AND ${quantityColumn} = $2`,
      [versionId, name],
    );
    if (quantities > 0) uses.push(`${quantities} driver quantities`);
  }
  const sourceStages = AllocationStage.options.filter((s) => STAGE_DIMENSIONS[s].source === dimension);
  const targetStages = AllocationStage.options.filter((s) => STAGE_DIMENSIONS[s].target === dimension);
  const rules = await count(
    `SELECT count(*) AS n FROM allocation_rules WHERE version_id = $1 AND (
       (stage = ANY($2::text[]) AND source = $4) OR
       (stage = ANY($3::text[]) AND targets @> jsonb_build_array(jsonb_build_object('member', $4::text))) OR
       ($5 AND driver = $4))`,
    [versionId, sourceStages, targetStages, name, dimension === "driver"],
  );
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
    async (request, reply) => {
      const version = await loadVersion(app.db, request.auth.tenantId, request.params.versionId);
      const members = await readMembers(app.db, version.id, request.query.dimension);
      return sendVersioned(request, reply, version, { members });
    },
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
    async (request, reply) => {
      const { members } = request.body;
      const { version, revision } = await changeDraft(
        app.db,
        request,
        request.params.versionId,
        async (tx, v) => {
          await upsertMembers(tx, v, members);
          const names = members.slice(0, 100).map((m) => `${m.dimension}:${m.name}`);
          return {
            action: "members.upsert",
            details: { count: members.length, members: names },
            result: null,
          };
        },
      );
      return sendWritten(reply, version, revision, members.length);
    },
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
      const { dimension, name } = request.params;
      const member: Member = { dimension, name, ...request.body };
      const { version, revision } = await changeDraft(
        app.db,
        request,
        request.params.versionId,
        async (tx, v) => {
          await upsertMembers(tx, v, [member]);
          return {
            action: "members.upsert",
            details: { count: 1, members: [`${dimension}:${name}`] },
            result: null,
          };
        },
      );
      return sendWritten(reply, version, revision, 1);
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
      const { version, revision } = await changeDraft(
        app.db,
        request,
        request.params.versionId,
        async (tx, v) => {
          const uses = await memberUses(tx, v.id, dimension, name);
          if (uses.length > 0) {
            throw new HttpError(
              409,
              "member_in_use",
              `The ${dimension} "${name}" is still used by ${uses.join(", ")}`,
            );
          }
          const deleted = await tx.query(
            "DELETE FROM members WHERE version_id = $1 AND dimension = $2 AND name = $3 RETURNING name",
            [v.id, dimension, name],
          );
          if (deleted.rows.length === 0) {
            throw new HttpError(404, "not_found", `The ${dimension} "${name}" is not in this version`);
          }
          return { action: "members.delete", details: { member: `${dimension}:${name}` }, result: null };
        },
      );
      return sendWritten(reply, version, revision, 1);
    },
  );
}
