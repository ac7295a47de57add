import type { FastifyInstance, FastifyRequest } from "fastify";
import { VersionParams, WriteResult } from "../../contract/api";
import {
  IMPORT_MEDIA_TYPES,
  ImportParams,
  ImportProgress,
  ImportQuery,
  ImportResult,
  ROWS_WITH_ERRORS_HEADER,
  VersionImportParams,
  type ImportFormat,
  type ImportWarning,
} from "../../contract/imports";
import type { Database } from "../db";
import { importWarnings } from "../import/warnings";
import { requireRole } from "../auth";
import { HttpError, notFound } from "../errors";
import { LISTED_ROW_ERRORS, commitImportInto, runImport } from "../import";
import { discardImport, findImport, undoImport } from "../store/imports";
import { WorkGate } from "../work-gate";
import { assertDraft, loadVersion } from "../store/versions";
import { checkIfMatch, sendWritten } from "./etag";
import type { ZodTypeProvider } from "./schema";
import { changeDraft, writeDraft } from "./version-access";

/** The file types an import reads, sent as the request body as they are. */
export const IMPORT_CONTENT_TYPES: Readonly<Record<string, ImportFormat>> = Object.fromEntries(
  Object.entries(IMPORT_MEDIA_TYPES).map(([format, type]) => [type, format as ImportFormat]),
);

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

/** Rolls back the transaction in which a dry run saw the draft with its import in. */
class DryRunDone extends Error {
  constructor(readonly warnings: ImportWarning[]) {
    super("dry run");
  }
}

/** The warnings the import would get, from the draft with its rows committed in a transaction rolled back. */
async function warningsOfDryRun(
  db: Database,
  versionId: string,
  outcome: Parameters<typeof commitImportInto>[3],
  request: { kind: string; bookToPeriod?: string },
): Promise<ImportWarning[]> {
  try {
    await db.transaction(async (tx) => {
      await commitImportInto(db, tx, versionId, outcome);
      throw new DryRunDone(await importWarnings(tx, versionId, outcome.importId, request));
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.warnings;
    throw error;
  }
  throw new Error("a dry run's transaction must be rolled back");
}

export default async function importRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Imports under way in this process; past the limit one more is refused 503 rather than queued.
  const slots = new WorkGate(
    app.config.maxConcurrentImports,
    0,
    () =>
      new HttpError(
        503,
        "busy_importing",
        `The service is already reading ${app.config.maxConcurrentImports} import files; nothing was imported, try again in a minute`,
        undefined,
        { "Retry-After": String(app.config.retryAfterSeconds * 10) },
      ),
  );
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
          "All or nothing: when any row is wrong nothing is written and the 422 answer lists the bad rows " +
          `(row, column, reason; the first ${LISTED_ROW_ERRORS}, its message says how many there are in all). ` +
          "The file is read and written in batches, so other requests go on meanwhile; with importId, " +
          "/imports/{importId} tells how far it has got. With dryRun=1 the file is read and checked to " +
          "the end and answered the same way (the counts it would write, or the 422 with its bad rows), " +
          "and nothing is written: the draft keeps its revision and no audit entry is made. " +
          "warnings lists what the draft's allocation refuses in the months the import wrote (a pool without a rule, " +
          "a driver without quantities in a month...): the import is kept, publishing waits until they are fixed.",
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
      // A published or stale version is refused before the file is read; the commit checks again.
      const current = await loadVersion(app.db, tenantId, request.params.versionId);
      assertDraft(current);
      checkIfMatch(request, current);
      const release = await slots.enter();
      try {
        const filename = query.filename ?? "";
        const outcome = await runImport(app.db, {
          importId: query.importId,
          tenantId,
          versionId: current.id,
          userId,
          filename,
          request: { ...query, format, content: request.body as Buffer },
        });
        if (!outcome.ok) {
          // The list stops at the first LISTED_ROW_ERRORS problems; the header tells the rows in all.
          throw new HttpError(422, "import_rejected", outcome.errors.summary(), outcome.errors.list(), {
            [ROWS_WITH_ERRORS_HEADER]: String(outcome.errors.rows),
          });
        }
        const counts = { costLines: outcome.costLines, driverQuantities: outcome.driverQuantities };
        const answer = (
          version: { id: string },
          revision: number,
          newMembers: number,
          warnings: ImportWarning[],
        ) => ({
          ...sendWritten(reply, version, revision, counts.costLines + counts.driverQuantities),
          importId: outcome.importId,
          kind: query.kind,
          ...counts,
          newMembers,
          warnings,
        });
        if (query.dryRun === true) {
          // Read and checked to the end like an import; its rows go, the draft is as it was.
          const warnings = await warningsOfDryRun(app.db, current.id, outcome, query).finally(() =>
            discardImport(app.db, outcome.importId),
          );
          return {
            ...answer(current, current.revision, outcome.added.length, warnings),
            dryRun: true as const,
          };
        }
        const { version, revision, result } = await changeDraft(
          app.db,
          request,
          current.id,
          async (tx, v) => {
            const added = await commitImportInto(app.db, tx, v.id, outcome);
            const details = { importId: outcome.importId, kind: query.kind, format, filename, ...counts };
            return {
              action: "version.import",
              details: { ...details, newMembers: added.map((m) => `${m.dimension} ${m.name}`) },
              result: added,
            };
          },
        ).catch(async (error: unknown) => {
          await discardImport(app.db, outcome.importId);
          throw error;
        });
        return answer(
          version,
          revision,
          result.length,
          await importWarnings(app.db, version.id, outcome.importId, query),
        );
      } finally {
        release();
      }
    },
  );

  api.delete(
    "/versions/:versionId/imports/:importId",
    {
      schema: {
        summary: "Undo an import of a draft: remove exactly the rows it wrote (editor)",
        description:
          "Removes the cost lines and driver quantities the import wrote into this draft, and its record; " +
          "rows added or changed by other means stay. Members the import added stay too. Audited.",
        tags: ["import"],
        params: VersionImportParams,
        response: { 200: WriteResult },
      },
      onRequest: requireRole("editor"),
    },
    async (request, reply) => {
      const { versionId, importId } = request.params;
      return writeDraft(app.db, request, reply, versionId, async (tx, version) => {
        const undone = await undoImport(tx, version.id, importId);
        if (undone === undefined) throw notFound("The import");
        if (undone === "running") {
          throw new HttpError(
            409,
            "import_running",
            "The import is still being read; wait until it has finished, then undo it",
          );
        }
        return {
          action: "version.import_undone",
          details: { importId, ...undone },
          count: undone.costLines + undone.driverQuantities,
        };
      });
    },
  );

  api.get(
    "/imports/:importId",
    {
      schema: {
        summary: "How far an import has got: bytes and rows read, rows written, rows with errors (viewer)",
        tags: ["import"],
        params: ImportParams,
        response: { 200: ImportProgress },
      },
      onRequest: requireRole("viewer"),
    },
    async (request, reply) => {
      const found = await findImport(app.db, request.auth.tenantId, request.params.importId);
      if (found === undefined) throw notFound("The import");
      reply.header("Cache-Control", "private, no-store");
      const { id, createdAt, createdBy: _createdBy, ...progress } = found;
      return { importId: id, startedAt: createdAt, ...progress };
    },
  );
}
