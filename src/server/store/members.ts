import type { Dimension, Member } from "../../contract/model";
import type { Database, Sql } from "../db";
import { copyVersionRows } from "./content-copy";

/** A member as stored, with its place in the model's order. */
export interface MemberRow {
  dimension: Dimension;
  name: string;
  parent: string | null;
  attributes: Record<string, string>;
  position: number;
}

export interface MemberName {
  dimension: Dimension;
  name: string;
}

/** Members in the order the API lists them: by dimension, then as they were added. */
const MEMBER_ORDER = `array_position(ARRAY['account','pool','tower','service','consumer','driver'], dimension), position, name`;

/** The members of a version (of one dimension when given), in the order the API lists them. */
export async function readMembers(sql: Sql, versionId: string, dimension?: Dimension): Promise<Member[]> {
  const result = await sql.query<Omit<MemberRow, "position">>(
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

/** Every member of a version with its position, in no particular order. */
export async function memberRows(sql: Sql, versionId: string): Promise<MemberRow[]> {
  const members = await sql.query<MemberRow>(
    "SELECT dimension, name, parent, attributes, position FROM members WHERE version_id = $1",
    [versionId],
  );
  return members.rows;
}

/** The dimension and name of every member of a version. */
export async function memberNames(sql: Sql, versionId: string): Promise<MemberName[]> {
  const members = await sql.query<MemberName>("SELECT dimension, name FROM members WHERE version_id = $1", [
    versionId,
  ]);
  return members.rows;
}

/** The members of some dimensions of a version, with their parents. */
export async function membersOf(
  sql: Sql,
  versionId: string,
  dimensions: readonly Dimension[],
): Promise<(MemberName & { parent: string | null })[]> {
  const existing = await sql.query<MemberName & { parent: string | null }>(
    "SELECT dimension, name, parent FROM members WHERE version_id = $1 AND dimension = ANY($2::text[])",
    [versionId, dimensions],
  );
  return existing.rows;
}

/** The position after the last member of a version: where new members go. */
async function nextPosition(tx: Sql, versionId: string): Promise<number> {
  const next = await tx.query<{ position: number }>(
    "SELECT coalesce(max(position), -1) + 1 AS position FROM members WHERE version_id = $1",
    [versionId],
  );
  return Number(next.rows[0].position);
}

/** Adds new members after the existing ones and updates the parent and attributes of existing ones. */
export async function upsertMembers(tx: Sql, versionId: string, members: readonly Member[]): Promise<void> {
  const first = await nextPosition(tx, versionId);
  await tx.query(
    `INSERT INTO members (version_id, dimension, name, parent, attributes, position)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[], $6::integer[])
     ON CONFLICT (version_id, dimension, name) DO UPDATE SET parent = EXCLUDED.parent, attributes = EXCLUDED.attributes`,
    [
      versionId,
      members.map((m) => m.dimension),
      members.map((m) => m.name),
      members.map((m) => m.parent),
      members.map((m) => JSON.stringify(m.attributes)),
      members.map((_, i) => first + i),
    ],
  );
}

/** Adds members the version does not have yet, in bulk, after the existing ones. */
export async function appendMembers(
  db: Database,
  tx: Sql,
  versionId: string,
  members: readonly Member[],
): Promise<void> {
  if (members.length === 0) return;
  const first = await nextPosition(tx, versionId);
  await db.copyRows(
    tx,
    "members",
    ["version_id", "dimension", "name", "parent", "attributes", "position"],
    members.map((m, i) => [
      versionId,
      m.dimension,
      m.name,
      m.parent,
      JSON.stringify(m.attributes),
      first + i,
    ]),
  );
}

export async function countChildren(
  sql: Sql,
  versionId: string,
  dimension: Dimension,
  name: string,
): Promise<number> {
  const result = await sql.query<{ n: string }>(
    "SELECT count(*) AS n FROM members WHERE version_id = $1 AND dimension = $2 AND parent = $3",
    [versionId, dimension, name],
  );
  return Number(result.rows[0].n);
}

/** Deletes one member; false when the version has no such member. */
export async function deleteMember(
  tx: Sql,
  versionId: string,
  dimension: Dimension,
  name: string,
): Promise<boolean> {
  const deleted = await tx.query(
    "DELETE FROM members WHERE version_id = $1 AND dimension = $2 AND name = $3 RETURNING name",
    [versionId, dimension, name],
  );
  return deleted.rows.length > 0;
}

export function copyMembers(tx: Sql, fromId: string, toId: string): Promise<void> {
  return copyVersionRows(
    tx,
    "members",
    "dimension, name, parent, attributes, position",
    "dimension, name",
    fromId,
    toId,
  );
}
