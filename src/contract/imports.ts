import { z } from "zod";
import { Id, Timestamp, WriteResult } from "./api";
import { MemberName, MonthPeriod } from "./model";
import { LineText } from "./text";

/** Schemas of the import routes: a file sent into a draft, and how far its reading has got. */

/** The file types an import reads, sent as the request body as they are. */
export const IMPORT_MEDIA_TYPES = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;
export type ImportFormat = keyof typeof IMPORT_MEDIA_TYPES;

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
  .pipe(z.record(z.string(), LineText.min(1, "must name a column")));

export const ImportKind = z.enum(["cost_lines", "driver_quantities", "focus"]);
export type ImportKind = z.infer<typeof ImportKind>;

export const ImportQuery = z.object({
  kind: ImportKind,
  /** Scenario of rows that have none; FOCUS files default to Actual. */
  scenario: MemberName.optional(),
  /** FOCUS: book the whole file into this month instead of each row's charge month. */
  bookToPeriod: MonthPeriod.optional(),
  /** JSON object: contract field -> column name in the file, e.g. {"amount":"BilledCost"}. */
  mapping: Mapping.optional(),
  /** The file's name, kept with the import for the audit trail. */
  filename: LineText.max(255).optional(),
  /** CSV: the text's encoding; Excel's "CSV (Comma delimited)" on Windows writes windows-1252. */
  encoding: z.enum(["utf-8", "windows-1252"]).optional(),
  /** An id for the import, chosen by the caller to follow its progress at /imports/{importId}. */
  importId: Id.optional(),
  /** 1: read and check the whole file, answer as an import would, and write nothing. */
  dryRun: z
    .enum(["0", "1", "true", "false"])
    .transform((flag) => flag === "1" || flag === "true")
    .optional(),
});
/** The query as the caller writes it (mapping as its JSON text). */
export type ImportQueryInput = z.input<typeof ImportQuery>;

/** Something the draft's allocation refuses once the import is in: publishing would list it. */
export const ImportWarning = z.object({
  code: z.string(),
  message: z.string(),
  /** In how many scenario-months it occurs, when it is found month by month. */
  months: z.number().int().optional(),
});
export type ImportWarning = z.infer<typeof ImportWarning>;

export const ImportResult = WriteResult.extend({
  importId: z.string(),
  kind: ImportKind,
  costLines: z.number().int(),
  driverQuantities: z.number().int(),
  /** Consumers the import added (FOCUS business units the version did not have). */
  newMembers: z.number().int(),
  /** A dry run: the counts are what the import would write; nothing was written. */
  dryRun: z.literal(true).optional(),
  /**
   * What stops the draft's allocation with the import in (a pool or tower without a rule, a driver
   * with no quantities in a month, ...): the import is kept, and publishing refuses until they are fixed.
   */
  warnings: z.array(ImportWarning),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ImportParams = z.object({ importId: Id });
/** One import of one version: the import to undo. */
export const VersionImportParams = z.object({ versionId: Id, importId: Id });

/** An import while it runs: how far it has read, written and found problems. */
export const ImportProgress = z.object({
  importId: Id,
  versionId: Id,
  kind: z.string(),
  filename: z.string(),
  status: z.enum(["running", "discarding", "committed"]),
  bytesTotal: z.number().int().nullable(),
  bytesRead: z.number().int(),
  rowsRead: z.number().int(),
  rowsWritten: z.number().int(),
  badRows: z.number().int(),
  startedAt: Timestamp,
  updatedAt: Timestamp,
});
export type ImportProgress = z.infer<typeof ImportProgress>;

/**
 * One problem of a refused file (the details of a 422 import_rejected): `row` as the user sees it
 * (the CSV line or worksheet row; 0 is the file as a whole or an option of the request).
 */
export const ImportRowError = z.object({ row: z.number().int(), column: z.string(), reason: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;

/** At most this many problems of a refused file are listed; the message says how many there are in all. */
export const LISTED_ROW_ERRORS = 1_000;

/** The header of a refusal (422 import_rejected) that tells how many rows of the file have problems. */
export const ROWS_WITH_ERRORS_HEADER = "Import-Rows-With-Errors";
