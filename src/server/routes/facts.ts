import type { FastifyInstance } from "fastify";
import {
  AddCostLines,
  AddDriverQuantities,
  CostLinePage,
  CostLineQuery,
  DriverQuantityPage,
  DriverQuantityQuery,
  VersionParams,
  WriteResult,
} from "../../contract/api";
import type { CostLine, DriverQuantity } from "../../contract/model";
import { requireRole } from "../auth";
import type { Database, Sql } from "../db";
import { KnownNames, costLineProblems, driverQuantityProblems, rejectProblems } from "./references";
import type { ZodTypeProvider } from "./schema";
import { changeDraft, loadVersion, sendVersioned, sendWritten } from "./versions-access";

export const COST_LINE_COLUMNS = [
  "pool",
  "account",
  "tower",
  "service",
  "consumer",
  "period",
  "scenario",
  "amount",
  "description",
] as const;
export const DRIVER_QUANTITY_COLUMNS = ["driver", "member", "period", "scenario", "quantity"] as const;

type CostLineRow = { id: string } & { [K in (typeof COST_LINE_COLUMNS)[number]]: string | null };
type DriverQuantityRow = { id: string } & { [K in (typeof DRIVER_QUANTITY_COLUMNS)[number]]: string };

/** A stored cost line as the contract writes it: absent optional fields are left out, not null. */
export function toCostLine(row: Omit<CostLineRow, "id">): CostLine {
  const line: Record<string, string> = {};
  for (const column of COST_LINE_COLUMNS) {
    const value = row[column];
    if (value !== null) line[column] = value;
  }
  return line as unknown as CostLine;
}

export function toDriverQuantity(row: Omit<DriverQuantityRow, "id">): DriverQuantity {
  return {
    driver: row.driver,
    member: row.member,
    period: row.period,
    scenario: row.scenario,
    quantity: row.quantity,
  };
}

export function costLineValues(versionId: string, line: CostLine): unknown[] {
  return [versionId, ...COST_LINE_COLUMNS.map((c) => line[c] ?? null)];
}

export function driverQuantityValues(versionId: string, q: DriverQuantity): unknown[] {
  return [versionId, ...DRIVER_QUANTITY_COLUMNS.map((c) => q[c])];
}

export async function insertCostLines(
  db: Database,
  tx: Sql,
  versionId: string,
  lines: readonly CostLine[],
): Promise<void> {
  await db.copyRows(
    tx,
    "cost_lines",
    ["version_id", ...COST_LINE_COLUMNS],
    lines.map((l) => costLineValues(versionId, l)),
  );
}

export async function insertDriverQuantities(
  db: Database,
  tx: Sql,
  versionId: string,
  quantities: readonly DriverQuantity[],
): Promise<void> {
  await db.copyRows(
    tx,
    "driver_quantities",
    ["version_id", ...DRIVER_QUANTITY_COLUMNS],
    quantities.map((q) => driverQuantityValues(versionId, q)),
  );
}

interface PageFilter {
  limit: number;
  after?: string;
  scenario?: string;
  period?: string;
}

/** One page of a fact table in insertion order; `next` continues after its last row. */
async function readPage<Row extends { id: string }>(
  sql: Sql,
  table: "cost_lines" | "driver_quantities",
  columns: readonly string[],
  versionId: string,
  filter: PageFilter,
): Promise<{ rows: Row[]; next: string | null }> {
  const result = await sql.query<Row>(
    `SELECT id, ${columns.join(", ")} FROM ${table}
      WHERE version_id = $1 AND id > $2::bigint
        AND ($3::text IS NULL OR scenario = $3) AND ($4::text IS NULL OR period = $4)
      ORDER BY id LIMIT $5`,
    [versionId, filter.after ?? "0", filter.scenario ?? null, filter.period ?? null, filter.limit + 1],
  );
  const rows = result.rows.slice(0, filter.limit);
  const next = result.rows.length > filter.limit ? rows[rows.length - 1].id : null;
  return { rows, next };
}

export default async function factRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["facts"];
  // Bulk additions may be as large as an import.
  const bodyLimit = app.config.bodyLimit;

  api.get(
    "/versions/:versionId/cost-lines",
    {
      schema: {
        summary: "Cost lines of a version, a page at a time (filter by scenario and period)",
        tags,
        params: VersionParams,
        querystring: CostLineQuery,
        response: { 200: CostLinePage },
      },
      onRequest: requireRole("viewer"),
    },
    async (request, reply) => {
      const version = await loadVersion(app.db, request.auth.tenantId, request.params.versionId);
      const page = await readPage<CostLineRow>(
        app.db,
        "cost_lines",
        COST_LINE_COLUMNS,
        version.id,
        request.query,
      );
      const costLines = page.rows.map((row) => ({ id: row.id, ...toCostLine(row) }));
      return sendVersioned(request, reply, version, { costLines, next: page.next });
    },
  );

  api.post(
    "/versions/:versionId/cost-lines",
    {
      schema: {
        summary: "Add cost lines to a draft; all or nothing (editor)",
        tags,
        params: VersionParams,
        body: AddCostLines,
        response: { 200: WriteResult },
      },
      onRequest: requireRole("editor"),
      bodyLimit,
    },
    async (request, reply) => {
      const lines = request.body.costLines;
      const { version, revision } = await changeDraft(
        app.db,
        request,
        request.params.versionId,
        async (tx, v) => {
          rejectProblems(costLineProblems(lines, await KnownNames.ofVersion(tx, v.id)));
          await insertCostLines(app.db, tx, v.id, lines);
          return { action: "cost_lines.add", details: { count: lines.length }, result: null };
        },
      );
      return sendWritten(reply, version, revision, lines.length);
    },
  );

  api.get(
    "/versions/:versionId/driver-quantities",
    {
      schema: {
        summary: "Driver quantities of a version, a page at a time (filter by scenario and period)",
        tags,
        params: VersionParams,
        querystring: DriverQuantityQuery,
        response: { 200: DriverQuantityPage },
      },
      onRequest: requireRole("viewer"),
    },
    async (request, reply) => {
      const version = await loadVersion(app.db, request.auth.tenantId, request.params.versionId);
      const page = await readPage<DriverQuantityRow>(
        app.db,
        "driver_quantities",
        DRIVER_QUANTITY_COLUMNS,
        version.id,
        request.query,
      );
      const driverQuantities = page.rows.map((row) => ({ id: row.id, ...toDriverQuantity(row) }));
      return sendVersioned(request, reply, version, { driverQuantities, next: page.next });
    },
  );

  api.post(
    "/versions/:versionId/driver-quantities",
    {
      schema: {
        summary: "Add driver quantities to a draft; all or nothing (editor)",
        tags,
        params: VersionParams,
        body: AddDriverQuantities,
        response: { 200: WriteResult },
      },
      onRequest: requireRole("editor"),
      bodyLimit,
    },
    async (request, reply) => {
      const quantities = request.body.driverQuantities;
      const { version, revision } = await changeDraft(
        app.db,
        request,
        request.params.versionId,
        async (tx, v) => {
          rejectProblems(driverQuantityProblems(quantities, await KnownNames.ofVersion(tx, v.id)));
          await insertDriverQuantities(app.db, tx, v.id, quantities);
          return { action: "driver_quantities.add", details: { count: quantities.length }, result: null };
        },
      );
      return sendWritten(reply, version, revision, quantities.length);
    },
  );
}
