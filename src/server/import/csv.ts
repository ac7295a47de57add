import { CsvError, parse } from "csv-parse/sync";
import type { ReadProgress, SheetItem } from "./sheet";

import type { ImportEncoding } from "./types";

/** Bytes decoded at a time: the text in memory stays small whatever the size of the file. */
const SLICE_BYTES = 256 * 1024;
/** Records parsed together; a group with a broken record is parsed again one record at a time. */
const GROUP_RECORDS = 2_000;
/** A quoted value longer than this is a quote that was never closed. */
const MAX_RECORD_CHARS = 1024 * 1024;

function describe(error: CsvError): string {
  switch (error.code) {
    case "CSV_INVALID_CLOSING_QUOTE":
      return (
        "a quoted value is followed by other characters before the next comma; " +
        'a quote inside a quoted value must be doubled ("")'
      );
    case "INVALID_OPENING_QUOTE":
      return "a quote appears inside a value that does not start with a quote; put the whole value in quotes and double the quote inside it";
    default:
      return `this row cannot be read as CSV: ${error.message}`;
  }
}

const NOT_CLOSED =
  "a quoted value that starts on this row is never closed, so the rest of the file cannot be read";

/** Where in `bytes` the first byte that is not UTF-8 is: the lines before it, and the byte. */
function firstNonUtf8(bytes: Uint8Array): { linesBefore: number; byte: number } {
  const text = new TextDecoder("utf-8").decode(bytes);
  const before = text.slice(0, Math.max(0, text.indexOf("\uFFFD")));
  return {
    linesBefore: before.split("\n").length - 1,
    byte: bytes[new TextEncoder().encode(before).length] ?? 0,
  };
}

function notUtf8(byte: number): string {
  return (
    `the file is not UTF-8 text: this row has the byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")}, ` +
    'which Excel\'s "CSV (Comma delimited)" writes for letters such as é; save the file as "CSV UTF-8 (Comma delimited)", ' +
    "or import it with the encoding windows-1252"
  );
}

/** A record's text (one line, or several when a quoted value holds line breaks) and its first line. */
interface RawRecord {
  text: string;
  line: number;
}

const quotes = (text: string): number => {
  let count = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) count++;
  return count;
};

/** Parses a group of records; a group that fails is parsed one record at a time to name the broken ones. */
function* parseGroup(group: readonly RawRecord[]): Generator<SheetItem> {
  try {
    const rows = parse(group.map((r) => r.text).join(""), {
      bom: false,
      relax_column_count: true,
    }) as string[][];
    if (rows.length === group.length) {
      for (let i = 0; i < rows.length; i++) yield { row: { row: group[i].line, cells: rows[i] } };
      return;
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
  }
  for (const record of group) {
    try {
      const rows = parse(record.text, { bom: false, relax_column_count: true }) as string[][];
      yield { row: { row: record.line, cells: rows[0] ?? [""] } };
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      yield { error: { row: record.line, column: "", reason: describe(error) } };
    }
  }
}

/**
 * Reads a CSV file (comma-separated; UTF-8 with an optional byte order mark, or Windows-1252) a slice
 * at a time. Records are found by their quotes (a record ends at a line break outside quotes), so a
 * broken row is reported and reading goes on with the next record: one bad row never hides the others.
 */
export async function* csvItems(
  content: Uint8Array,
  encoding: ImportEncoding = "utf-8",
  progress: ReadProgress = { fraction: 0 },
): AsyncGenerator<SheetItem> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let line = 1;
  let carry = "";
  let record: RawRecord | undefined;
  let recordQuotes = 0;
  let group: RawRecord[] = [];
  const take = (text: string): RawRecord[] => {
    const done: RawRecord[] = [];
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      const piece = text.slice(start, end + 1);
      start = end + 1;
      record =
        record === undefined ? { text: piece, line } : { text: record.text + piece, line: record.line };
      recordQuotes += quotes(piece);
      line++;
      if (recordQuotes % 2 === 0) {
        done.push(record);
        record = undefined;
        recordQuotes = 0;
      }
    }
    carry = text.slice(start);
    return done;
  };
  for (let offset = 0; offset < content.length; offset += SLICE_BYTES) {
    const slice = content.subarray(offset, offset + SLICE_BYTES);
    progress.fraction = offset / content.length;
    let text: string;
    try {
      text = decoder.decode(slice, { stream: true });
    } catch {
      // The lines before this slice are counted; `carry` holds no line break.
      const bad = firstNonUtf8(slice);
      yield* parseGroup(group);
      yield { error: { row: line + bad.linesBefore, column: "", reason: notUtf8(bad.byte) } };
      return;
    }
    for (const done of take(carry + text)) {
      group.push(done);
      if (group.length >= GROUP_RECORDS) {
        yield* parseGroup(group);
        group = [];
      }
    }
    if (record !== undefined && record.text.length > MAX_RECORD_CHARS) {
      yield* parseGroup(group);
      yield { error: { row: record.line, column: "", reason: NOT_CLOSED } };
      return;
    }
  }
  let tail: string;
  try {
    tail = carry + decoder.decode();
  } catch {
    yield* parseGroup(group);
    yield { error: { row: line, column: "", reason: notUtf8(content[content.length - 1] ?? 0) } };
    return;
  }
  if (tail !== "") {
    record = record === undefined ? { text: tail, line } : { text: record.text + tail, line: record.line };
    recordQuotes += quotes(tail);
  }
  if (record !== undefined && recordQuotes % 2 === 0) group.push(record);
  progress.fraction = 1;
  yield* parseGroup(group);
  if (record !== undefined && recordQuotes % 2 !== 0)
    yield { error: { row: record.line, column: "", reason: NOT_CLOSED } };
}
