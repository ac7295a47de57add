import { z } from "zod";
import {
  IMPORT_MEDIA_TYPES,
  ImportProgress,
  ImportResult,
  ImportRowError,
  ROWS_WITH_ERRORS_HEADER,
  type ImportFormat,
  type ImportQueryInput,
} from "../contract/imports";
import { ServiceError, serviceError } from "./failures";
import type { RequestOptions, ServiceRequests } from "./requests";
import type { Call, FailedOutcome } from "./transport";

/** Imports of a million rows take a minute or more: the file's request waits this long for its answer. */
export const IMPORT_TIMEOUT_MS = 15 * 60_000;
/** A progress question is small; one that takes longer is skipped, the next one asked. */
const PROGRESS_TIMEOUT_MS = 5_000;

/** A file to import: its bytes and whether it is CSV or XLSX. */
export interface ImportFile {
  bytes: Blob | ArrayBuffer | Uint8Array<ArrayBuffer>;
  format: ImportFormat;
}

export interface ImportOptions extends RequestOptions {
  /** How long to wait for the service's answer (ms); default IMPORT_TIMEOUT_MS. */
  timeoutMs?: number;
}

/**
 * A file the service refused because rows of it are wrong (nothing was imported): the problems it
 * lists (the first 1,000) and how many rows have problems in all.
 */
export class ImportRefused extends ServiceError {
  constructor(
    message: string,
    details: string | undefined,
    readonly problems: readonly ImportRowError[],
    readonly rowsWithErrors: number,
  ) {
    super("refused", message, details, 422, "import_rejected");
    this.name = "ImportRefused";
  }
}

/** A new import's id, for following its progress: a random UUID (the contract's Id). */
export function newImportId(): string {
  const random = globalThis.crypto;
  if (typeof random.randomUUID === "function") return random.randomUUID();
  const bytes = random.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function queryString(query: ImportQueryInput): string {
  const pairs = Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return new URLSearchParams(pairs).toString();
}

function refusal(outcome: Extract<FailedOutcome, { kind: "refused" }>, call: Call): ServiceError {
  const error = serviceError(outcome, call);
  if (outcome.status !== 422 || outcome.code !== "import_rejected") return error;
  const listed = z.array(ImportRowError).safeParse(outcome.details);
  const problems = listed.success ? listed.data : [];
  const counted = Number(outcome.headers?.get(ROWS_WITH_ERRORS_HEADER));
  const rows = Number.isInteger(counted) && counted > 0 ? counted : new Set(problems.map((p) => p.row)).size;
  return new ImportRefused(error.message, error.details, problems, rows);
}

/**
 * Sends a file into a draft. Never retried: the service may have imported it although its answer
 * was lost. Rejects with ImportRefused when rows are wrong, else with a ServiceError.
 */
export async function sendImport(
  requests: ServiceRequests,
  versionId: string,
  file: ImportFile,
  query: ImportQueryInput,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const path = `/versions/${encodeURIComponent(versionId)}/import?${queryString(query)}` as const;
  const { call, outcome } = await requests.exchange(
    {
      method: "POST",
      path,
      content: { bytes: file.bytes, type: IMPORT_MEDIA_TYPES[file.format] },
      timeoutMs: options.timeoutMs ?? IMPORT_TIMEOUT_MS,
      retries: 0,
    },
    ImportResult,
    options,
  );
  if (outcome.kind === "answer") return outcome.value;
  throw outcome.kind === "refused" ? refusal(outcome, call) : serviceError(outcome, call);
}

/**
 * How far an import has got. Asked while its file's request runs: short, not retried and quiet (a
 * busy service that answers a progress question late says nothing about the connection).
 */
export async function importProgress(
  requests: ServiceRequests,
  importId: string,
  options: RequestOptions = {},
): Promise<ImportProgress> {
  const path = `/imports/${encodeURIComponent(importId)}` as const;
  const request = { method: "GET" as const, path, timeoutMs: PROGRESS_TIMEOUT_MS, retries: 0 };
  const { call, outcome } = await requests.exchange(request, ImportProgress, options, true);
  if (outcome.kind === "answer") return outcome.value;
  throw serviceError(outcome, call);
}
