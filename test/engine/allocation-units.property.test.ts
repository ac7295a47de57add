import fc from "fast-check";
import { allocate, allocateNumbers, allocateUnits, type RoundingMethod } from "../../src/engine/allocation";
import { allocateBigintUnits } from "../../src/engine/allocation/units";
import { Decimal } from "../../src/engine/decimal";
import { type Fixed, parseFixed, unitsToText } from "../../src/engine/money";
import { errorOf } from "../support/engine";

/** Wide enough to round 1e30 amounts to ten decimals without a rounding of its own. */
const Wide = Decimal.clone({ precision: 100 });
const method = fc.constantFrom<RoundingMethod>("largest", "plug");
const places = fc.integer({ min: 0, max: 10 });
const texts = (units: readonly bigint[]): string[] => units.map((u) => u.toString());

/** Amounts from a cent to far beyond 2^53 units, either sign, with up to 12 decimals of their own. */
const amount: fc.Arbitrary<Fixed> = fc
  .tuple(
    fc.oneof(
      fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
      fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
    ),
    fc.integer({ min: 0, max: 12 }),
  )
  .map(([units, scale]) => ({ units, scale }));

/** Whole-number weights, small (the safe-integer path) or beyond 2^53 (the bigint path), not all zero. */
const weights = fc
  .array(fc.oneof(fc.bigInt({ min: 0n, max: 5000n }), fc.bigInt({ min: 0n, max: 10n ** 20n })), {
    minLength: 1,
    maxLength: 30,
  })
  .filter((ws) => ws.some((w) => w > 0n));

describe("allocateUnits", () => {
  it("gives exactly the bigint path's shares, whichever path it takes", () => {
    fc.assert(
      fc.property(amount, weights, places, method, (a, ws, p, m) => {
        expect(texts(allocateUnits(a, ws, p, m))).toEqual(texts(allocateBigintUnits(a, ws, p, m)));
      }),
      { numRuns: 600 },
    );
  });

  it("takes a bigint amount in units of the shares' decimals", () => {
    expect(allocateUnits(10000n, [1n, 1n, 1n], 2)).toEqual([3334n, 3333n, 3333n]);
    expect(allocateUnits(-10000n, [1n, 1n, 1n], 2)).toEqual([-3334n, -3333n, -3333n]);
    expect(allocateUnits(10n, [1n, 3n, 3n], 0, "plug")).toEqual([1n, 5n, 4n]);
    // 0.015 over three: each 0.005 rounds to 0.01, so plug takes a cent back from the largest share.
    expect(allocateUnits({ units: 15n, scale: 3 }, [1n, 1n, 1n], 2, "plug")).toEqual([0n, 1n, 1n]);
    // Beyond 2^53 units every unit still counts: the odd one goes to the first of the equal shares.
    expect(allocateUnits(2n ** 80n + 1n, [1n, 1n], 0)).toEqual([2n ** 79n + 1n, 2n ** 79n]);
  });

  it("adds up to ROUND(amount, decimals) with every share within one unit of its proportion", () => {
    fc.assert(
      fc.property(amount, weights, places, (a, ws, p) => {
        const shares = allocateUnits(a, ws, p);
        const exactAmount = new Wide(unitsToText(a.units, a.scale));
        const rounded = exactAmount.toDecimalPlaces(p, Wide.ROUND_HALF_UP).times(`1e${p}`);
        expect(shares.reduce((s, u) => s + u, 0n).toString()).toBe(rounded.toFixed(0));
      }),
      { numRuns: 300 },
    );
  });

  it("names what leaves nothing to allocate, and rejects what is not a whole-unit method", () => {
    expect(errorOf(() => allocateUnits(100n, [1n, -2n], 2)).message).toBe(
      "driver 2 is negative (-2): driver quantities must be zero or more",
    );
    expect(errorOf(() => allocateUnits(100n, [0n, 0n], 2)).kind).toBe("div0");
    expect(errorOf(() => allocateUnits(100n, [], 2)).message).toBe(
      "there are no drivers: nothing to allocate by",
    );
    expect(errorOf(() => allocateUnits(100n, [1n], 11)).message).toMatch(/from 0 to 10/);
    expect(errorOf(() => allocateUnits(100n, [1n], 2, "none" as RoundingMethod)).message).toBe(
      'method must be "largest" or "plug" (got "none")',
    );
  });
});

/** A workbook number as Excel hands it: cents, whole units, or any double. */
const workbookNumber = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }).map((cents) => cents / 100),
  fc.integer({ min: -1e15, max: 1e15 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }),
);
const driverNumber = fc.oneof(
  fc.integer({ min: 0, max: 5000 }),
  fc.integer({ min: 0, max: 10 ** 9 }).map((n) => n / 1000),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 1e25 }),
);
const driverList = fc
  .array(driverNumber, { minLength: 1, maxLength: 20 })
  .filter((ds) => ds.some((d) => d > 0));

/** The bigint path on the numbers' exact values (their shortest text), then each share as the nearest number. */
function expectedNumbers(
  amountNumber: number,
  ds: readonly number[],
  p: number,
  m: RoundingMethod,
): number[] {
  const quantities = ds.map((d) => parseFixed(String(d)));
  const scale = Math.max(...quantities.map((q) => q.scale));
  const whole = quantities.map((q) => q.units * 10n ** BigInt(scale - q.scale));
  return allocateBigintUnits(parseFixed(String(amountNumber)), whole, p, m).map((u) =>
    Number(unitsToText(u, p)),
  );
}

describe("allocateNumbers", () => {
  it("converts each number once to its exact value and each share once back, as the bigint path computes it", () => {
    fc.assert(
      fc.property(workbookNumber, driverList, places, method, (a, ds, p, m) => {
        const shares = Array.from(allocateNumbers([a], Float64Array.from(ds), p, m));
        expect(shares).toEqual(expectedNumbers(a, ds, p, m).map((x) => (x === 0 ? 0 : x)));
      }),
      { numRuns: 600 },
    );
  });

  it("allocates a column of amounts block by block", () => {
    fc.assert(
      fc.property(
        fc.array(workbookNumber, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 4 }),
        places,
        method,
        (amounts, width, p, m) => {
          const drivers = Float64Array.from({ length: amounts.length * width }, (_, i) => 1 + ((i * 7) % 5));
          const rows = Array.from(allocateNumbers(amounts, drivers, p, m));
          const oneByOne = amounts.flatMap((a, r) =>
            Array.from(allocateNumbers([a], drivers.slice(r * width, (r + 1) * width), p, m)),
          );
          expect(rows).toEqual(oneByOne);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("matches allocate() on the same values, also without rounding", () => {
    fc.assert(
      fc.property(workbookNumber, driverList, fc.integer({ min: 0, max: 6 }), (a, ds, p) => {
        for (const m of ["largest", "plug", "none"] as const) {
          const viaDecimal = allocate(
            new Decimal(String(a)),
            ds.map((d) => new Decimal(String(d))),
            p,
            m,
          ).map((share) => share.toNumber());
          expect(Array.from(allocateNumbers([a], Float64Array.from(ds), p, m))).toEqual(
            viaDecimal.map((x) => (x === 0 ? 0 : x)),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it("names a negative driver by its position", () => {
    const error = errorOf(() => allocateNumbers([100], Float64Array.from([1, 2, -0.5]), 2, "largest"));
    expect(error.kind).toBe("num");
    expect(error.message).toBe("driver 3 is negative (-0.5): driver quantities must be zero or more");
  });
});
