export { ALLOCATION_METHODS, allocate, type AllocationMethod } from "./allocation/allocate";
export { MAX_DECIMALS } from "./allocation/inputs";
export { stepDown } from "./allocation/step-down";
export { reciprocal } from "./allocation/reciprocal";
export { allocateSafeIntegerUnits } from "./allocation/safe-integers";
