import path from "node:path";
import ExcelJS from "exceljs";
import { FOCUS_CATEGORY_TOWERS, FOCUS_POOL, parseImport } from "../../src/server/import";

const repoRoot = path.resolve(__dirname, "../..");
const SAMPLE = path.resolve(repoRoot, "../shared/data/focus-1.0-sample.csv");

/** The sample read by a second CSV reader (exceljs's), to check the importer against. */
async function independentRows(): Promise<Record<string, string>[]> {
  const worksheet = await new ExcelJS.Workbook().csv.readFile(SAMPLE, { map: (value: unknown) => value });
  const header = (worksheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  for (let r = 2; r <= worksheet.rowCount; r++) {
    const values = worksheet.getRow(r).values as unknown[];
    rows.push(Object.fromEntries(header.map((name, i) => [name, String(values[i + 1] ?? "")])));
  }
  return rows;
}

/** Exact sum of decimal texts as whole units of 10^-12, with BigInt: no decimal library involved. */
function sumScaled(values: readonly string[]): bigint {
  return values.reduce((total, text) => {
    const negative = text.startsWith("-");
    const [whole, fraction = ""] = text.replace(/^[-+]/, "").split(".");
    const units = BigInt(whole + fraction.padEnd(12, "0"));
    return total + (negative ? -units : units);
  }, 0n);
}

function businessUnit(tags: string): string | undefined {
  if (tags === "NULL" || tags === "") return undefined;
  const entry = Object.entries(JSON.parse(tags) as Record<string, unknown>).find(
    ([k]) => k.trim() === "business_unit",
  );
  return entry === undefined ? undefined : String(entry[1]);
}

async function sampleBuffer(): Promise<Buffer> {
  const { readFile } = await import("node:fs/promises");
  return readFile(SAMPLE);
}

const focusCsv = (header: string[], rows: string[][]): Buffer =>
  Buffer.from(
    [header, ...rows]
      .map((r) => r.map((v) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(","))
      .join("\n"),
  );

const HEADER = [
  "BilledCost",
  "EffectiveCost",
  "ChargePeriodStart",
  "ChargeCategory",
  "ChargeClass",
  "ChargeFrequency",
  "ProviderName",
  "ServiceCategory",
  "ServiceName",
  "Tags",
];

describe("FOCUS 1.0 sample billing file", () => {
  let reference: Record<string, string>[];
  let content: Buffer;
  beforeAll(async () => {
    reference = await independentRows();
    content = await sampleBuffer();
  });

  it("gives one cost line per billing row, EffectiveCost adding up to the file's own total", async () => {
    const parsed = await parseImport({ kind: "focus", format: "csv", content });
    expect(parsed.errors).toEqual([]);
    expect(reference).toHaveLength(1000);
    expect(parsed.costLines).toHaveLength(1000);
    expect(sumScaled(parsed.costLines.map((l) => l.amount))).toBe(
      sumScaled(reference.map((r) => r.EffectiveCost)),
    );
    expect(parsed.costLines.every((l) => l.pool === FOCUS_POOL && l.scenario === "Actual")).toBe(true);
    const months = new Set(reference.map((r) => r.ChargePeriodStart.slice(0, 7)));
    expect(new Set(parsed.costLines.map((l) => l.period))).toEqual(months);
    expect(parsed.source.rowNumbers).toEqual(reference.map((_, i) => i + 2));
  });

  it("reads BilledCost instead when the mapping says so", async () => {
    const parsed = await parseImport({
      kind: "focus",
      format: "csv",
      content,
      mapping: { amount: "BilledCost" },
    });
    expect(parsed.errors).toEqual([]);
    const billed = sumScaled(reference.map((r) => r.BilledCost));
    expect(sumScaled(parsed.costLines.map((l) => l.amount))).toBe(billed);
    expect(billed).not.toBe(sumScaled(reference.map((r) => r.EffectiveCost)));
  });

  it("books the whole file into one month when asked", async () => {
    const parsed = await parseImport({
      kind: "focus",
      format: "csv",
      content,
      bookToPeriod: "2026-09",
      scenario: "Budget",
    });
    expect(new Set(parsed.costLines.map((l) => `${l.scenario} ${l.period}`))).toEqual(
      new Set(["Budget 2026-09"]),
    );
  });

  it("attributes the rows tagged business_unit to consumers and adds those consumers as members", async () => {
    const parsed = await parseImport({ kind: "focus", format: "csv", content });
    const expected = reference.map((r) => businessUnit(r.Tags));
    expect(expected.filter((u) => u !== undefined)).toHaveLength(660);
    expect(parsed.costLines.map((l) => l.consumer)).toEqual(expected);
    const units = new Set(expected.filter((u) => u !== undefined));
    expect(parsed.members.map((m) => m.name).sort()).toEqual([...units].sort());
    expect(parsed.members.every((m) => m.dimension === "consumer")).toBe(true);
    // the " org" tag key with its leading space is in the file and does not trouble the reader
    expect(reference.some((r) => r.Tags.includes('" org"'))).toBe(true);
  });

  it("maps ServiceCategory onto towers, puts ServiceName in the description, and reads both Usage-Based spellings", async () => {
    const parsed = await parseImport({ kind: "focus", format: "csv", content });
    parsed.costLines.forEach((line, i) => {
      const row = reference[i];
      expect(line.tower).toBe(FOCUS_CATEGORY_TOWERS[row.ServiceCategory] ?? undefined);
      expect(line.description?.startsWith(row.ServiceName)).toBe(true);
      expect(line.service).toBeUndefined();
    });
    const frequencies = new Set(reference.map((r) => r.ChargeFrequency));
    expect(frequencies.has("Usage-Based") && frequencies.has("Usage-based")).toBe(true);
    expect(new Set(reference.map((r) => r.ChargeClass))).toEqual(new Set(["NULL"]));
    const byTower = (tower: string | undefined) => parsed.costLines.filter((l) => l.tower === tower).length;
    expect(byTower("Network")).toBe(reference.filter((r) => r.ServiceCategory === "Networking").length);
    expect(byTower(undefined)).toBe(reference.filter((r) => r.ServiceCategory === "Other").length);
  });
});

describe("FOCUS quirks and errors", () => {
  const row = (over: Partial<Record<(typeof HEADER)[number], string>>): string[] => {
    const base: Record<string, string> = {
      BilledCost: "1.5",
      EffectiveCost: "1.25",
      ChargePeriodStart: "2024-09-18T22:00:00Z",
      ChargeCategory: "Usage",
      ChargeClass: "NULL",
      ChargeFrequency: "usage-BASED",
      ProviderName: "AWS",
      ServiceCategory: "databases",
      ServiceName: "Amazon RDS",
      Tags: '{" business_unit ": " Finance ", "application": "Ledger"}',
    };
    return HEADER.map((h) => over[h] ?? base[h]);
  };

  it("trims tag keys and values, treats NULL and empty as missing, ignores the case of FOCUS values", async () => {
    const content = focusCsv(HEADER, [
      row({}),
      row({ Tags: "NULL", ServiceName: "NULL" }),
      row({ Tags: "", ChargeFrequency: "", ChargeCategory: "credit", EffectiveCost: "-2.5E-1" }),
    ]);
    const parsed = await parseImport({ kind: "focus", format: "csv", content });
    expect(parsed.errors).toEqual([]);
    expect(parsed.costLines).toEqual([
      {
        pool: "Cloud Services",
        tower: "Data",
        consumer: "Finance",
        period: "2024-09",
        scenario: "Actual",
        amount: "1.25",
        description: "Amazon RDS · AWS · application Ledger",
      },
      {
        pool: "Cloud Services",
        tower: "Data",
        period: "2024-09",
        scenario: "Actual",
        amount: "1.25",
        description: "databases · AWS",
      },
      {
        pool: "Cloud Services",
        tower: "Data",
        period: "2024-09",
        scenario: "Actual",
        amount: "-0.25",
        description: "Amazon RDS · AWS · Credit",
      },
    ]);
    expect(parsed.members).toEqual([
      {
        dimension: "consumer",
        name: "Finance",
        parent: null,
        attributes: { source: "FOCUS tag business_unit" },
      },
    ]);
  });

  it("lists every row whose costs are not numbers or whose values FOCUS does not allow", async () => {
    const content = focusCsv(HEADER, [
      row({}),
      row({ EffectiveCost: "abc" }),
      row({ BilledCost: "1.2.3" }),
      row({ ServiceCategory: "Quantum" }),
      row({ ChargeFrequency: "Sometimes", ChargePeriodStart: "2024-13-01" }),
      row({ Tags: "{not json" }),
      row({ EffectiveCost: "NULL" }),
    ]);
    const parsed = await parseImport({ kind: "focus", format: "csv", content });
    expect(parsed.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "EffectiveCost"],
      [4, "BilledCost"],
      [5, "ServiceCategory"],
      [6, "ChargePeriodStart"],
      [6, "ChargeFrequency"],
      [7, "Tags"],
      [8, "EffectiveCost"],
    ]);
    expect(parsed.errors[0].reason).toBe('"abc" is not a number');
    expect(parsed.errors[2].reason).toBe('"Quantum" is not a FOCUS 1.0 service category');
    expect(parsed.errors[6].reason).toBe("the amount is empty");
  });

  it("refuses a file without the columns it needs and a booking month that is not a month", async () => {
    const content = focusCsv(
      HEADER.filter((h) => h !== "ServiceCategory"),
      [["1", "1", "2024-09-01", "Usage", "NULL", "Usage-Based", "AWS", "Amazon EC2", "NULL"]],
    );
    const parsed = await parseImport({ kind: "focus", format: "csv", content, bookToPeriod: "Sept 2026" });
    expect(parsed.errors).toEqual([
      { row: 0, column: "bookToPeriod", reason: '"Sept 2026" is not a month: write it as YYYY-MM (2026-09)' },
      {
        row: 1,
        column: "ServiceCategory",
        reason: 'the file has no "ServiceCategory" column; add one or map a column to tower',
      },
    ]);
    const mapped = await parseImport({
      kind: "focus",
      format: "csv",
      content: focusCsv(HEADER, [row({})]),
      mapping: { amount: "ListCost", tower: "ServiceName" },
    });
    expect(mapped.errors.map((e) => [e.row, e.column])).toEqual([
      [0, "tower"],
      [1, "ListCost"],
    ]);
  });
});
