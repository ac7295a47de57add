import type { Dimension } from "../../contract/model";

/**
 * A name that exists in several dimensions is taken from the first of these: COST("Storage") is the
 * Storage tower when there is also a Storage service.
 */
export const COST_DIMENSIONS = [
  "pool",
  "tower",
  "service",
  "account",
  "consumer",
] as const satisfies readonly Dimension[];
/** The dimensions ALLOCATED traces to consumers. */
export const ALLOCATING_DIMENSIONS = ["pool", "tower", "service"] as const satisfies readonly Dimension[];
/** DRIVER's second argument is usually a consumer; upper-stage drivers are measured on services, towers or pools. */
export const MEASURED_DIMENSIONS = [
  "consumer",
  "service",
  "tower",
  "pool",
  "account",
] as const satisfies readonly Dimension[];
