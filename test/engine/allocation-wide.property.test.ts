import fc from "fast-check";
import { allocateNumbers, type RoundingMethod } from "../../src/engine/allocation";
import { allocateBigintUnits, allocateSafeIntegerUnits } from "../../src/engine/allocation/units";
import { allocateWideUnits } from "../../src/engine/allocation/wide-units";
import { fixedOfNumber, toScale, unitsToNumber } from "../../src/engine/money";

const method = fc.constantFrom<RoundingMethod>("largest", "plug");

/** Amounts up to 10^13 with cents, either sign. */
const amount = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map((cents) => Number(cents) / 100);

/** Drivers up to 10^9 with up to 6 decimals; a few distinct values, repeated, so remainders tie. */
const driver = fc
  .tuple(
    fc.integer({ min: 0, max: 10 ** 9 }),
    fc.integer({ min: 0, max: 999_999 }),
    fc.integer({ min: 0, max: 6 }),
  )
  .map(([whole, fraction, places]) =>
    Number(`${whole}.${String(fraction).padStart(6, "0").slice(0, places)}`),
  );
const drivers = fc
  .tuple(fc.array(driver, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 400 }), fc.nat())
  .map(([values, length, seed]) =>
    Float64Array.from({ length }, (_, i) => values[(i * 7 + seed) % values.length]),
  )
  .filter((ds) => ds.some((d) => d > 0));

/** The general exact path: every input converted to an exact decimal, the split in bigint. */
function bigintShares(
  amountValue: number,
  ds: Float64Array,
  decimals: number,
  how: RoundingMethod,
): number[] {
  const quantities = Array.from(ds, (d) => fixedOfNumber(d, "driver"));
  const scale = Math.max(...quantities.map((q) => q.scale));
  const weights = quantities.map((q) => toScale(q, scale));
  return allocateBigintUnits(fixedOfNumber(amountValue, "amount"), weights, decimals, how).map((u) =>
    unitsToNumber(u, decimals),
  );
}

describe("ALLOCATE at any magnitude", () => {
  it("gives the general exact path's shares unit for unit, for amounts to 10^13 and drivers to 10^9 with 6 decimals", () => {
    fc.assert(
      fc.property(amount, drivers, method, (a, ds, how) => {
        expect(Array.from(allocateNumbers([a], ds, 2, how))).toEqual(bigintShares(a, ds, 2, how));
      }),
      { numRuns: 400 },
    );
  });

  it("answers in doubles where products pass 2^53, instead of the bigint path", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10 ** 12, max: 10 ** 15 }),
        fc.array(fc.integer({ min: 10 ** 6, max: 10 ** 12 }), { minLength: 2, maxLength: 50 }),
        method,
        (units, weights, how) => {
          const w = Float64Array.from(weights);
          expect(allocateSafeIntegerUnits(units, w, how)).toBeUndefined();
          const wide = allocateWideUnits(units, w, how);
          expect(wide && Array.from(wide)).toEqual(
            allocateBigintUnits({ units: BigInt(units), scale: 0 }, weights.map(BigInt), 0, how).map(Number),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("settles ties among equal remainders as the exact path does, the earlier row first", () => {
    // 123,456,789.01 over a column of equal and near-equal CPU hours with four decimals.
    const ds = Float64Array.from({ length: 5000 }, (_, i) => [99_999.1234, 99_999.1235, 7.5][i % 3]);
    for (const how of ["largest", "plug"] as const) {
      expect(Array.from(allocateNumbers([123456789.01], ds, 2, how))).toEqual(
        bigintShares(123456789.01, ds, 2, how),
      );
    }
  });
});
