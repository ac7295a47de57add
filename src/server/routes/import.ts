import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { VersionParams, WriteResult } from "../../contract/api";
import { MemberName, MonthPeriod } from "../../contract/model";
import { requireRole } from "../auth";
import { HttpError } from "../errors";
import { type ImportFormat, parseImport, writeImport } from "../import";
import { assertDraft, loadVersion } from "../store/versions";
import { checkIfMatch, sendWritten } from "./etag";
import type { ZodTypeProvider } from "./schema";
import { changeDraft } from "./version-access";

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
      const filename = query.filename ?? "";
      const { version, revision, result } = await changeDraft(app.db, request, current.id, async (tx, v) => {
        const written = await writeImport(app.db, tx, {
          tenantId,
          versionId: v.id,
          userId,
          kind: query.kind,
          filename,
          parsed,
        });
        return {
          action: "version.import",
          details: {
            importId: written.importId,
            kind: query.kind,
            format,
            filename,
            costLines: parsed.costLines.length,
            driverQuantities: parsed.driverQuantities.length,
            newMembers: written.added.map((m) => `${m.dimension} ${m.name}`),
          },
          result: written,
        };
      });
      return {
        ...sendWritten(reply, version, revision, result.rowCount),
        importId: result.importId,
        kind: query.kind,
        costLines: parsed.costLines.length,
        driverQuantities: parsed.driverQuantities.length,
        newMembers: result.added.length,
      };
    },
  );
}
