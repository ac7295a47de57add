import { CostLine, MonthPeriod } from "../../contract/model";
import { type ColumnPlan, type FieldSpec, planColumns } from "./columns";
import { FOCUS_CATEGORY_TOWERS } from "./focus-towers";
import { RowReader } from "./rows";
import type { Cell, SheetHeader } from "./sheet";
import type { ImportOptions, RowError, RowParser } from "./types";
import { type Read, readDecimal, readMonth, readText } from "./values";

/** Every FOCUS cost line lands on this cost pool. */
export const FOCUS_POOL = "Cloud Services";
/** The tag whose value names the consumer (business unit) of a charge. */
export const BUSINESS_UNIT_TAG = "business_unit";
const APPLICATION_TAG = "application";
const DESCRIPTION_LENGTH = 500;

const CHARGE_CATEGORIES = ["Adjustment", "Credit", "Purchase", "Tax", "Usage"];
const CHARGE_FREQUENCIES = ["One-Time", "Recurring", "Usage-Based"];
const CHARGE_CLASSES = ["Correction"];

const FIELDS = (req: ImportOptions): FieldSpec[] => [
  { field: "amount", column: "EffectiveCost", required: true },
  { field: "period", column: "ChargePeriodStart", required: req.bookToPeriod === undefined },
  { field: "tower", column: "ServiceCategory", required: true },
  { field: "description", column: "ServiceName", required: false },
  { field: "consumer", column: "Tags", required: false },
  { field: "BilledCost", column: "BilledCost", required: false },
  { field: "EffectiveCost", column: "EffectiveCost", required: false },
  { field: "ProviderName", column: "ProviderName", required: false },
  { field: "ChargeCategory", column: "ChargeCategory", required: false },
  { field: "ChargeClass", column: "ChargeClass", required: false },
  { field: "ChargeFrequency", column: "ChargeFrequency", required: false },
];
const MAPPABLE = ["amount", "period"];
/** FOCUS writes a missing value as an empty cell or as the text NULL. */
const focusCell = (cell: Cell): Cell =>
  typeof cell === "string" && /^\s*null\s*$/i.test(cell) ? null : cell;

function allowedValue(value: string, allowed: readonly string[]): string | undefined {
  return allowed.find((a) => a.toLowerCase() === value.toLowerCase());
}

const CATEGORY_NAMES = Object.keys(FOCUS_CATEGORY_TOWERS);

/** The tower of a ServiceCategory; null for Other. */
function towerOf(category: string): Read<string | null> {
  const known = allowedValue(category, CATEGORY_NAMES);
  if (known === undefined) return { ok: false, reason: `"${category}" is not a FOCUS 1.0 service category` };
  return { ok: true, value: FOCUS_CATEGORY_TOWERS[known] };
}

type Tags = Record<string, unknown>;

function readTags(cell: Cell): Read<Tags> {
  const text = readText(cell);
  if (!text.ok) return text;
  if (text.value === undefined) return { ok: true, value: {} };
  let tags: unknown;
  try {
    tags = JSON.parse(text.value);
  } catch {
    return { ok: false, reason: "Tags is not valid JSON" };
  }
  if (typeof tags !== "object" || tags === null || Array.isArray(tags)) {
    return { ok: false, reason: "Tags must be a JSON object of tag names and values" };
  }
  return { ok: true, value: tags as Tags };
}

/** A tag's value as text; tag names are compared without surrounding spaces (" org" is "org"). */
function tagValue(tags: Tags, name: string): Read<string | undefined> {
  for (const [key, value] of Object.entries(tags)) {
    if (key.trim() !== name || value === null) continue;
    if (typeof value === "object") return { ok: false, reason: `the ${name} tag is not text` };
    const text = String(value).trim();
    if (text !== "") return { ok: true, value: text };
  }
  return { ok: true, value: undefined };
}

function describeCharge(parts: {
  service?: string;
  category: string;
  provider?: string;
  chargeCategory?: string;
  chargeFrequency?: string;
  chargeClass?: string;
  application?: string;
}): string {
  const notes = [
    parts.service ?? parts.category,
    parts.provider,
    parts.chargeCategory === "Usage" ? undefined : parts.chargeCategory,
    parts.chargeFrequency === "Usage-Based" ? undefined : parts.chargeFrequency,
    parts.chargeClass,
    parts.application === undefined ? undefined : `application ${parts.application}`,
  ];
  return notes
    .filter((n) => n !== undefined)
    .join(" · ")
    .slice(0, DESCRIPTION_LENGTH);
}

function bookingMonth(req: ImportOptions): Read<string | undefined> {
  if (req.bookToPeriod === undefined) return { ok: true, value: undefined };
  return MonthPeriod.safeParse(req.bookToPeriod).success
    ? { ok: true, value: req.bookToPeriod }
    : { ok: false, reason: `"${req.bookToPeriod}" is not a month: write it as YYYY-MM (2026-09)` };
}

/** A FOCUS value from its allowed list, read without regard to case ("Usage-based" is Usage-Based). */
function readAllowed(reader: RowReader, field: string, allowed: readonly string[]): string | undefined {
  const value = reader.take(field, readText(reader.cell(field)));
  if (value === undefined) return undefined;
  const known = allowedValue(value, allowed);
  if (known === undefined) {
    reader.fail(field, `"${value}" is not a FOCUS 1.0 ${field} (expected ${allowed.join(", ")})`);
  }
  return known;
}

const readCost = (reader: RowReader, field: string): string | undefined =>
  reader.take(field, readDecimal(reader.cell(field), { scientific: true }));

/** One billing row as a cost line, or undefined after recording what is wrong with it. */
function readBillingRow(
  reader: RowReader,
  plan: ColumnPlan,
  booking: { month?: string; scenario: string },
): CostLine | undefined {
  const amount = reader.require("amount", readCost(reader, "amount"));
  // Both cost columns must be numbers, whichever of them is imported.
  for (const cost of ["BilledCost", "EffectiveCost"]) {
    if (plan.columns[cost] !== plan.columns.amount) readCost(reader, cost);
  }
  const period =
    booking.month ?? reader.require("period", reader.take("period", readMonth(reader.cell("period"))));
  const category = reader.require("tower", reader.take("tower", readText(reader.cell("tower"))));
  const tower = category === undefined ? undefined : reader.take("tower", towerOf(category));
  const tags = reader.take("consumer", readTags(reader.cell("consumer"))) ?? {};
  return reader.validate(CostLine, {
    pool: FOCUS_POOL,
    tower: tower ?? undefined,
    consumer: reader.take("consumer", tagValue(tags, BUSINESS_UNIT_TAG)),
    period,
    scenario: booking.scenario,
    amount,
    description: describeCharge({
      service: reader.take("description", readText(reader.cell("description"))),
      category: category ?? "",
      provider: reader.take("ProviderName", readText(reader.cell("ProviderName"))),
      chargeCategory: readAllowed(reader, "ChargeCategory", CHARGE_CATEGORIES),
      chargeFrequency: readAllowed(reader, "ChargeFrequency", CHARGE_FREQUENCIES),
      chargeClass: readAllowed(reader, "ChargeClass", CHARGE_CLASSES),
      application: reader.take("consumer", tagValue(tags, APPLICATION_TAG)),
    }),
  });
}

/**
 * A FinOps FOCUS 1.0 billing file: one cost line per billing row on the Cloud Services pool. Amount =
 * EffectiveCost (map amount to BilledCost for invoiced cost), month of ChargePeriodStart (or the
 * request's bookToPeriod), tower from ServiceCategory, consumer from the business_unit tag (business
 * units the version lacks are added to it).
 */
export function focusParser(sheet: SheetHeader, req: ImportOptions): RowParser<CostLine> {
  const plan = planColumns(sheet, FIELDS(req), req.mapping, MAPPABLE);
  const setupErrors: RowError[] = [...plan.errors];
  const booked = bookingMonth(req);
  if (!booked.ok) setupErrors.push({ row: 0, column: "bookToPeriod", reason: booked.reason });
  const booking = { month: booked.ok ? booked.value : undefined, scenario: req.scenario ?? "Actual" };
  return {
    setupErrors,
    columns: plan.columns,
    addsConsumers: { attributes: { source: `FOCUS tag ${BUSINESS_UNIT_TAG}` } },
    read(row) {
      const reader = new RowReader({ row: row.row, cells: row.cells.map(focusCell) }, plan);
      return { value: readBillingRow(reader, plan, booking), errors: reader.errors };
    },
  };
}
