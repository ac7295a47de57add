import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { VersionParams, WriteResult } from "../../contract/api";
import { type Member, MemberName, MonthPeriod } from "../../contract/model";
import { requireRole } from "../auth";
import type { Database, Sql } from "../db";
import { HttpError } from "../errors";
import { type ImportFormat, type ParsedImport, type RowError, parseImport } from "../import";
import { KnownNames, type Problem, costLineProblems, driverQuantityProblems } from "../references";
import { COST_LINES, DRIVER_QUANTITIES, insertFacts, insertImport } from "../store/facts";
import { appendMembers, memberNames } from "../store/members";
import { scenarioNames } from "../store/scenarios";
import { assertDraft, loadVersion } from "../store/versions";
import { changeDraft } from "./drafts";
import { checkIfMatch, sendWritten } from "./etag";
import type { ZodTypeProvider } from "./schema";

/** The file types an import reads, sent as the request body as they are. */
export const IMPORT_CONTENT_TYPES: Readonly<Record<string, ImportFormat>> = {
  "text/csv": "csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
};

const Mapping = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: 'must be a JSON object such as {"amount": "Cost (USD)"}' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string(), z.string().trim().min(1, "must name a column")));

export const ImportQuery = z.object({
  kind: z.enum(["cost_lines", "driver_quantities", "focus"]),
  /** Scenario of rows that have none; FOCUS files default to Actual. */
  scenario: MemberName.optional(),
  /** FOCUS: book the whole file into this month instead of each row's charge month. */
  bookToPeriod: MonthPeriod.optional(),
  /** JSON object: contract field -> column name in the file, e.g. {"amount":"BilledCost"}. */
  mapping: Mapping.optional(),
  /** The file's name, kept with the import for the audit trail. */
  filename: z.string().trim().max(255).optional(),
});
type ImportQuery = z.infer<typeof ImportQuery>;

export const ImportResult = WriteResult.extend({
  importId: z.string(),
  kind: ImportQuery.shape.kind,
  costLines: z.number().int(),
  driverQuantities: z.number().int(),
  /** Consumers the import added (FOCUS business units the version did not have). */
  newMembers: z.number().int(),
});

function formatOf(request: FastifyRequest): ImportFormat {
  const type = (request.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  const format = IMPORT_CONTENT_TYPES[type];
  if (format === undefined || !Buffer.isBuffer(request.body) || request.body.length === 0) {
    throw new HttpError(
      415,
      "unsupported_media_type",
      `Send the file itself as the request body, with Content-Type ${Object.keys(IMPORT_CONTENT_TYPES).join(" or ")}`,
    );
  }
  return format;
}

function rejection(errors: readonly RowError[]): HttpError {
  const rows = new Set(errors.map((e) => e.row)).size;
  const message =
    rows === 1 ? "1 row has errors; nothing was imported" : `${rows} rows have errors; nothing was imported`;
  return new HttpError(422, "import_rejected", message, errors);
}

/**
 * The unknown members of the imported rows, on the file's rows and columns. A value the import supplies
 * itself (the FOCUS cost pool, a scenario given with the request) is reported once, as row 0.
 */
function memberErrors(problems: readonly Problem[], parsed: ParsedImport): RowError[] {
  const { columns, rowNumbers } = parsed.source;
  const once = new Set<string>();
  const errors: RowError[] = [];
  for (const { path, message } of problems) {
    const [, index, field] = path.split(".");
    const column = columns[field];
    if (column !== undefined) {
      errors.push({ row: rowNumbers[Number(index)], column, reason: message });
    } else if (!once.has(`${field}\u0000${message}`)) {
      once.add(`${field}\u0000${message}`);
      errors.push({ row: 0, column: field, reason: message });
    }
  }
  return errors;
}

/**
 * The members the import adds to the version. Any bad row, in the file or naming a member the version
 * lacks, -> 422 listing every one.
 */
async function checkRows(tx: Sql, versionId: string, parsed: ParsedImport): Promise<Member[]> {
  const existing = await memberNames(tx, versionId);
  const have = new Set(existing.map((m) => `${m.dimension}\u0000${m.name}`));
  const added = parsed.members.filter((m) => !have.has(`${m.dimension}\u0000${m.name}`));
  const known = new KnownNames([...existing, ...added], await scenarioNames(tx, versionId));
  const unknown = [
    ...costLineProblems(parsed.costLines, known),
    ...driverQuantityProblems(parsed.driverQuantities, known),
  ];
  const errors = [...parsed.errors, ...memberErrors(unknown, parsed)].sort((a, b) => a.row - b.row);
  if (errors.length > 0) throw rejection(errors);
  return added;
}

interface ImportWrite {
  db: Database;
  tx: Sql;
  versionId: string;
  tenantId: string;
  userId: string;
  query: ImportQuery;
  parsed: ParsedImport;
  added: Member[];
}

/** The import record, the new members and every row, each row pointing to its import. */
async function writeImport({ db, tx, versionId, tenantId, userId, query, parsed, added }: ImportWrite) {
  const rowCount = parsed.costLines.length + parsed.driverQuantities.length;
  const importId = await insertImport(tx, {
    tenantId,
    versionId,
    kind: query.kind,
    filename: query.filename ?? "",
    rowCount,
    userId,
  });
  await appendMembers(db, tx, versionId, added);
  await insertFacts(db, tx, COST_LINES, versionId, parsed.costLines, importId);
  await insertFacts(db, tx, DRIVER_QUANTITIES, versionId, parsed.driverQuantities, importId);
  return { importId, rowCount };
}

export default async function importRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Within this route group every body arrives as bytes; the handler accepts CSV and XLSX only.
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  api.post(
    "/versions/:versionId/import",
    {
      schema: {
        summary:
          "Import a CSV or XLSX file of cost lines or driver quantities, or a FOCUS billing CSV, into a draft (editor)",
        description:
          "The file is the request body (Content-Type text/csv or the XLSX type); options are in the query string. " +
          "All or nothing: when any row is wrong nothing is written and the 422 answer lists every bad row " +
          "(row, column, reason).",
        tags: ["import"],
        params: VersionParams,
        querystring: ImportQuery,
        consumes: Object.keys(IMPORT_CONTENT_TYPES),
        response: { 200: ImportResult },
      },
      onRequest: requireRole("editor"),
      bodyLimit: app.config.bodyLimit,
    },
    async (request, reply) => {
      const format = formatOf(request);
      const { query } = request;
      const { tenantId, userId } = request.auth;
      // A published or stale version is refused before the file is read; the transaction checks again.
      const current = await loadVersion(app.db, tenantId, request.params.versionId);
      assertDraft(current);
      checkIfMatch(request, current);
      const parsed = await parseImport({
        kind: query.kind,
        format,
        content: request.body as Buffer,
        mapping: query.mapping,
        scenario: query.scenario,
        bookToPeriod: query.bookToPeriod,
      });
      const { version, revision, result } = await changeDraft(app.db, request, current.id, async (tx, v) => {
        const added = await checkRows(tx, v.id, parsed);
        const written = await writeImport({
          db: app.db,
          tx,
          versionId: v.id,
          tenantId,
          userId,
          query,
          parsed,
          added,
        });
        return {
          action: "version.import",
          details: {
            importId: written.importId,
            kind: query.kind,
            format,
            filename: query.filename ?? "",
            costLines: parsed.costLines.length,
            driverQuantities: parsed.driverQuantities.length,
            newMembers: added.map((m) => `${m.dimension} ${m.name}`),
          },
          result: { ...written, added: added.length },
        };
      });
      return {
        ...sendWritten(reply, version, revision, result.rowCount),
        importId: result.importId,
        kind: query.kind,
        costLines: parsed.costLines.length,
        driverQuantities: parsed.driverQuantities.length,
        newMembers: result.added,
      };
    },
  );
}
