import fc from "fast-check";
import { allocateBigintUnits, allocateSafeIntegerUnits } from "../../src/engine/allocation/units";

/** The fast path must give exactly what the general exact path gives, unit for unit. */
function exactUnits(amountUnits: number, drivers: number[], method: "largest" | "plug"): string[] {
  return allocateBigintUnits(
    { units: BigInt(amountUnits), scale: 0 },
    drivers.map((d) => BigInt(d)),
    0,
    method,
  ).map((units) => units.toString());
}

describe("allocateSafeIntegerUnits", () => {
  it("equals the general exact allocation for whole-number drivers", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e11, max: 1e11 }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 60 }),
        fc.constantFrom("largest" as const, "plug" as const),
        (amount, drivers, method) => {
          fc.pre(drivers.some((d) => d > 0));
          const fast = allocateSafeIntegerUnits(amount, drivers, method);
          expect(fast).toBeDefined();
          expect(Array.from(fast!, (u) => String(u))).toEqual(exactUnits(amount, drivers, method));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("resolves ties at the threshold by position, like the general path", () => {
    expect(Array.from(allocateSafeIntegerUnits(10, [1, 1, 1], "largest")!)).toEqual([4, 3, 3]);
    expect(Array.from(allocateSafeIntegerUnits(11, [1, 1, 1], "largest")!)).toEqual([4, 4, 3]);
    expect(Array.from(allocateSafeIntegerUnits(-10, [1, 1, 1], "largest")!)).toEqual([-4, -3, -3]);
    expect(Array.from(allocateSafeIntegerUnits(10, [1, 1, 1], "plug")!)).toEqual([4, 3, 3]);
  });

  it("declines what plain numbers cannot compute exactly", () => {
    expect(allocateSafeIntegerUnits(1, [0.5, 1], "largest")).toBeUndefined();
    expect(allocateSafeIntegerUnits(1, [0, 0], "largest")).toBeUndefined();
    expect(allocateSafeIntegerUnits(1, [-1, 2], "largest")).toBeUndefined();
    expect(allocateSafeIntegerUnits(1e15, [1e6, 1], "largest")).toBeUndefined();
    expect(allocateSafeIntegerUnits(0.5, [1], "largest")).toBeUndefined();
    expect(allocateSafeIntegerUnits(1, [], "largest")).toBeUndefined();
  });
});
