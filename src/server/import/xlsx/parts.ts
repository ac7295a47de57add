import { SaxesParser, type SaxesTagPlain } from "saxes";
import type { ZipParts } from "./zip";

export interface XmlHandlers {
  open?: (tag: SaxesTagPlain) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/**
 * Feeds a part's XML to a SAX parser a chunk at a time, pausing after each (`handlers` hear of it) with
 * how much of the part is read, from 0 to 1.
 */
export async function* parseChunks(
  zip: ZipParts,
  name: string,
  handlers: XmlHandlers,
): AsyncGenerator<number> {
  const parser = new SaxesParser();
  let failure: Error | undefined;
  parser.on("error", (error) => (failure ??= error));
  if (handlers.open) parser.on("opentag", handlers.open);
  if (handlers.close) parser.on("closetag", (tag) => handlers.close?.(tag.name));
  if (handlers.text) parser.on("text", handlers.text);
  const decoder = new TextDecoder("utf-8");
  const size = Math.max(1, zip.size(name));
  let read = 0;
  for await (const chunk of zip.read(name)) {
    parser.write(decoder.decode(chunk, { stream: true }));
    if (failure !== undefined) throw failure;
    read += chunk.length;
    yield Math.min(1, read / size);
  }
  parser.write(decoder.decode());
  parser.close();
  if (failure !== undefined) throw failure;
}

/** Reads a whole part with the handlers. */
export async function parsePart(zip: ZipParts, name: string, handlers: XmlHandlers): Promise<void> {
  for await (const _ of parseChunks(zip, name, handlers)) void _;
}

/** The name without its namespace prefix ("x:row" -> "row"). */
export const localName = (name: string): string => name.slice(name.indexOf(":") + 1);

/** The zip path of the workbook's first worksheet, and whether its dates count from 1904. */
export async function firstWorksheet(
  zip: ZipParts,
): Promise<{ path: string; date1904: boolean } | undefined> {
  let firstSheetRelation: string | undefined;
  let date1904 = false;
  await parsePart(zip, "xl/workbook.xml", {
    open: (tag) => {
      const name = localName(tag.name);
      if (name === "workbookPr") date1904 = ["1", "true"].includes(tag.attributes.date1904 ?? "");
      if (name === "sheet" && firstSheetRelation === undefined) firstSheetRelation = tag.attributes["r:id"];
    },
  });
  if (firstSheetRelation === undefined) return undefined;
  let target: string | undefined;
  await parsePart(zip, "xl/_rels/workbook.xml.rels", {
    open: (tag) => {
      if (localName(tag.name) === "Relationship" && tag.attributes.Id === firstSheetRelation)
        target = tag.attributes.Target;
    },
  });
  if (target === undefined) return undefined;
  const path = target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
  return zip.has(path) ? { path, date1904 } : undefined;
}

/** Excel's built-in number formats that show a date or a time. */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** A custom format shows a date when, outside quoted text and [colour] tags, it has day, month or year codes. */
function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "");
  return /[dmy]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/** The indexes of the cell styles (the `s` of a cell) that show dates. */
export async function dateStyles(zip: ZipParts): Promise<ReadonlySet<number>> {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellFormats = false;
  if (!zip.has("xl/styles.xml")) return new Set();
  await parsePart(zip, "xl/styles.xml", {
    open: (tag) => {
      const name = localName(tag.name);
      if (name === "numFmt") custom.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? "");
      else if (name === "cellXfs") inCellFormats = true;
      else if (name === "xf" && inCellFormats) formats.push(Number(tag.attributes.numFmtId ?? 0));
    },
    close: (name) => {
      if (localName(name) === "cellXfs") inCellFormats = false;
    },
  });
  const dates = new Set<number>();
  formats.forEach((id, index) => {
    const code = custom.get(id);
    if (code === undefined ? BUILT_IN_DATE_FORMATS.has(id) : isDateFormat(code)) dates.add(index);
  });
  return dates;
}

/** The workbook's shared strings, in order; a rich text string is its runs joined (phonetic hints left out). */
export async function sharedStrings(zip: ZipParts): Promise<string[]> {
  const strings: string[] = [];
  if (!zip.has("xl/sharedStrings.xml")) return strings;
  zip.checkHeldSize("xl/sharedStrings.xml");
  let current: string[] | undefined;
  let inText = false;
  let phonetic = 0;
  await parsePart(zip, "xl/sharedStrings.xml", {
    open: (tag) => {
      const name = localName(tag.name);
      if (name === "si") current = [];
      else if (name === "rPh") phonetic++;
      else if (name === "t" && phonetic === 0) inText = !tag.isSelfClosing;
    },
    close: (tag) => {
      const name = localName(tag);
      if (name === "si") {
        strings.push((current ?? []).join(""));
        current = undefined;
      } else if (name === "rPh") phonetic--;
      else if (name === "t") inText = false;
    },
    text: (text) => {
      if (inText && current !== undefined) current.push(text);
    },
  });
  return strings;
}
