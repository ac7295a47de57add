import { type ComputeOutcome, computeResults } from "./compute";
import type { VersionInputs } from "./inputs";

/** The allocation run on a worker thread of the compute pool (see pool.ts). */
export default function allocate(inputs: VersionInputs): ComputeOutcome {
  return computeResults(inputs);
}
