/**
 * Regenerates test/fixtures/parity/libreoffice.json: writes every parity case as a formula into a
 * flat ODF spreadsheet, lets LibreOffice Calc (headless) recalculate it, and reads the results back.
 *
 *   apt-get install -y libreoffice-calc
 *   npx tsx scripts/parity/regenerate.ts
 *
 * The formula cells carry no cached results, so every value read back was computed by LibreOffice;
 * a sentinel cell with a deliberately wrong cached value proves the recalculation happened.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  PARITY_SEED,
  formulaFor,
  generateParityCases,
  type ParityEntry,
  type ParityFixture,
  type SpreadsheetResult,
} from "./cases";

const FIXTURE = resolve(__dirname, "../../test/fixtures/parity/libreoffice.json");
const SENTINEL_FORMULA = "2+3";
const SENTINEL_VALUE = "5";
const SOFFICE_TIMEOUT_MS = 180_000;

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function xmlUnescape(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

function row(formula: string, label: string, staleValue?: string): string {
  const cached = staleValue === undefined ? "" : ` office:value-type="float" office:value="${staleValue}"`;
  return (
    `<table:table-row><table:table-cell table:formula="${xmlEscape(`of:=${formula}`)}"${cached}/>` +
    `<table:table-cell office:value-type="string"><text:p>${xmlEscape(label)}</text:p></table:table-cell></table:table-row>`
  );
}

/** A flat ODF spreadsheet: the sentinel row, then one row per case (formula in A, case id in B). */
function flatOds(cases: ReadonlyArray<{ id: string; formula: string }>): string {
  const rows = [row(SENTINEL_FORMULA, "sentinel", "-1"), ...cases.map((c) => row(c.formula, c.id))];
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet><table:table table:name="Parity">
${rows.join("\n")}
</table:table></office:spreadsheet></office:body></office:document>
`;
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`${name}="([^"]*)"`).exec(attributes);
  return match ? xmlUnescape(match[1]) : undefined;
}

/** The first two cells of every row LibreOffice wrote: the computed result and the case id. */
function readRows(document: string): Array<{ result: SpreadsheetResult | null; label: string }> {
  const table = /<table:table [^>]*table:name="Parity"[^>]*>([\s\S]*?)<\/table:table>/.exec(document);
  if (!table) throw new Error("the recalculated spreadsheet has no Parity sheet");
  const rows: Array<{ result: SpreadsheetResult | null; label: string }> = [];
  for (const rowMatch of table[1].matchAll(/<table:table-row([^>]*)>([\s\S]*?)<\/table:table-row>/g)) {
    const cells = [
      ...rowMatch[2].matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g),
    ];
    if (cells.length < 2) continue;
    const [resultAttributes, resultContent = ""] = [cells[0][1], cells[0][2]];
    const label = xmlUnescape(/<text:p>([^<]*)<\/text:p>/.exec(cells[1][2] ?? "")?.[1] ?? "");
    const type = attribute(resultAttributes, "calcext:value-type");
    const value = attribute(resultAttributes, "office:value");
    let result: SpreadsheetResult | null = null;
    if (type === "error")
      result = { error: /<text:p>([^<]*)<\/text:p>/.exec(resultContent)?.[1] ?? "unknown" };
    else if (value !== undefined) result = { value };
    const repeated = Number(attribute(rowMatch[1], "table:number-rows-repeated") ?? "1");
    for (let i = 0; i < repeated; i++) rows.push({ result, label });
  }
  return rows;
}

function recalculateWithLibreOffice(document: string): { recalculated: string; version: string } {
  const work = mkdtempSync(join(tmpdir(), "itfm-parity-"));
  try {
    // A private profile that asks for a full recalculation of every ODF document on load.
    const profileUser = join(work, "profile", "user");
    mkdirSync(profileUser, { recursive: true });
    writeFileSync(
      join(profileUser, "registrymodifications.xcu"),
      `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
    );
    const input = join(work, "parity.fods");
    const outDir = join(work, "out");
    writeFileSync(input, document);
    const profileArg = `-env:UserInstallation=file://${join(work, "profile")}`;
    const version = execFileSync("soffice", [profileArg, "--version"], { encoding: "utf8" }).trim();
    execFileSync("soffice", [profileArg, "--headless", "--convert-to", "fods", "--outdir", outDir, input], {
      encoding: "utf8",
      timeout: SOFFICE_TIMEOUT_MS,
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { recalculated: readFileSync(join(outDir, "parity.fods"), "utf8"), version };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main(): void {
  const cases = generateParityCases(PARITY_SEED).map((c) => ({ ...c, formula: formulaFor(c.input) }));
  const { recalculated, version } = recalculateWithLibreOffice(flatOds(cases));
  const rows = readRows(recalculated);
  const [sentinel, ...results] = rows;
  if (sentinel?.label !== "sentinel" || !sentinel.result || !("value" in sentinel.result)) {
    throw new Error("the sentinel row is missing from LibreOffice's output");
  }
  if (sentinel.result.value !== SENTINEL_VALUE) {
    throw new Error(`LibreOffice kept a cached value (${sentinel.result.value}) instead of recalculating`);
  }
  const entries: ParityEntry[] = cases.map((c, i) => {
    const found = results[i];
    if (found?.label !== c.id) throw new Error(`row ${i + 2} should hold ${c.id}, found ${found?.label}`);
    if (!found.result) throw new Error(`LibreOffice left ${c.id} without a result`);
    return { ...c, libreoffice: found.result };
  });
  const fixture: ParityFixture = {
    description:
      "Engine parity cases recalculated by LibreOffice Calc (headless). Regenerate with: npx tsx scripts/parity/regenerate.ts",
    libreofficeVersion: version,
    seed: PARITY_SEED,
    cases: entries,
  };
  mkdirSync(resolve(FIXTURE, ".."), { recursive: true });
  writeFileSync(FIXTURE, `${JSON.stringify(fixture, null, 1)}\n`);
  const errors = entries.filter((e) => "error" in e.libreoffice).length;
  console.log(`${entries.length} cases (${errors} errors) recalculated by ${version} -> ${FIXTURE}`);
}

main();
