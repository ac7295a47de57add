import { readFile } from "node:fs/promises";
import path from "node:path";
import type { CostLine, Member } from "../../contract/model";
import { parseImport } from "../import";
import { FOCUS_MONTH } from "./calendar";
import { CLOUD_BUSINESS_UNITS } from "./taxonomy";

/** The FinOps Foundation's FOCUS 1.0 sample billing data (CC BY 4.0), shipped in data/. */
export const FOCUS_SAMPLE_PATH = path.resolve(__dirname, "../../..", "data/focus-1.0-sample.csv");

/**
 * The cloud billing sample through the FOCUS importer, booked into Actual of the demo's September:
 * one cost line per billing row, and the business units of its tags as consumers.
 */
export async function cloudBilling(
  samplePath: string,
): Promise<{ costLines: CostLine[]; members: Member[] }> {
  let content: Buffer;
  try {
    content = await readFile(samplePath);
  } catch (error) {
    throw new Error(`the demo model needs the FOCUS sample billing file at ${samplePath}`, { cause: error });
  }
  const parsed = await parseImport({
    kind: "focus",
    format: "csv",
    content,
    scenario: "Actual",
    bookToPeriod: FOCUS_MONTH,
  });
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0];
    throw new Error(
      `the FOCUS sample billing file has ${parsed.errors.length} rows with errors; row ${first.row}, ${first.column}: ${first.reason}`,
    );
  }
  const members = parsed.members.map((m) => ({ ...m, parent: CLOUD_BUSINESS_UNITS }));
  return { costLines: parsed.costLines, members };
}
