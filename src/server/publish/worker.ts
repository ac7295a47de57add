import { type ComputeOutcome, computeResults } from "./compute";
import type { VersionInputs } from "./inputs";

/** The allocation run on a worker thread of the compute pool (see pool.ts), answered as JSON text. */
export default function allocate(inputs: VersionInputs): string {
  const outcome: ComputeOutcome = computeResults(inputs);
  return JSON.stringify(outcome);
}
