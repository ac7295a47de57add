import { z } from "zod";
import { FreeText, LineCharacters, LineText } from "./text";

/** A decimal amount on the wire: "1234.56", "-0.5", "1e-3" is refused (plain notation only). */
export const DecimalString = z
  .string()
  .regex(/^-?\d{1,20}(\.\d{1,12})?$/, 'must be a decimal number written as text, e.g. "1234.56"');

/** A calendar month, the grain of every fact. */
export const MonthPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month YYYY-MM");

export const Dimension = z.enum(["account", "pool", "tower", "service", "consumer", "driver"]);
export type Dimension = z.infer<typeof Dimension>;

export const MemberName = LineText.min(1, "must not be empty").max(200, "must be at most 200 characters");

export const Member = z.object({
  dimension: Dimension,
  name: MemberName,
  /** Parent member of the same dimension (roll-up), or null for a top-level member. */
  parent: MemberName.nullable().default(null),
  /** Free attributes, e.g. {"unit": "FTE"} on a driver, {"driver": "Servers"} on a service (its rate basis). */
  attributes: z.record(LineCharacters.max(200), FreeText.max(2000)).default({}),
});
export type Member = z.infer<typeof Member>;

export const Scenario = z.object({ name: MemberName });

export const CostLine = z.object({
  pool: MemberName,
  account: MemberName.optional(),
  /** Direct attribution: a line already mapped to a tower, service or consumer skips those stages. */
  tower: MemberName.optional(),
  service: MemberName.optional(),
  consumer: MemberName.optional(),
  period: MonthPeriod,
  scenario: MemberName,
  amount: DecimalString,
  description: FreeText.max(500).optional(),
});
export type CostLine = z.infer<typeof CostLine>;

export const DriverQuantity = z.object({
  driver: MemberName,
  /** The member that consumes the driver: usually a consumer, or a tower/service for upper stages. */
  member: MemberName,
  period: MonthPeriod,
  scenario: MemberName,
  quantity: DecimalString,
});
export type DriverQuantity = z.infer<typeof DriverQuantity>;

export const AllocationStage = z.enum([
  "pool_to_tower",
  "tower_to_service",
  /** Support services that serve each other, solved simultaneously (reciprocal method). */
  "service_to_service",
  "service_to_consumer",
]);
export type AllocationStage = z.infer<typeof AllocationStage>;

export const AllocationRule = z.object({
  stage: AllocationStage,
  source: MemberName,
  method: z.enum(["driver", "percent", "even"]),
  /** For method "driver": the driver whose quantities on the targets give the shares. */
  driver: MemberName.optional(),
  /** Targets; percent holds each target's share for method "percent" (they add up to 100). */
  targets: z
    .array(z.object({ member: MemberName, percent: DecimalString.optional() }))
    .min(1, "a rule needs at least one target"),
});
export type AllocationRule = z.infer<typeof AllocationRule>;

export const ModelInfo = z.object({
  name: MemberName,
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD"),
  /** First month of the fiscal year, 1 = January. FY2027 starting in July runs 2026-07..2027-06. */
  fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
  description: FreeText.max(2000).default(""),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

/** A whole model version as one document: the backup format, and the form the demo model is built in. */
export const ModelVersionDocument = z.object({
  format: z.literal("itfm-model-version/1"),
  model: ModelInfo,
  version: z.object({
    label: MemberName,
    status: z.enum(["draft", "published"]),
    publishedAt: z.string().datetime().nullable().default(null),
  }),
  members: z.array(Member),
  scenarios: z.array(Scenario),
  costLines: z.array(CostLine),
  driverQuantities: z.array(DriverQuantity),
  rules: z.array(AllocationRule),
});
export type ModelVersionDocument = z.infer<typeof ModelVersionDocument>;
