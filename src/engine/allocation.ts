export { allocate, type AllocationMethod } from "./allocation/allocate";
export { stepDown } from "./allocation/step-down";
export { reciprocal } from "./allocation/reciprocal";
export { allocateSafeIntegerUnits } from "./allocation/safe-integers";
