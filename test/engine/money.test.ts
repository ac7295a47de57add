import fc from "fast-check";
import {
  centsToText,
  fixedOfNumber,
  fixedToText,
  gcd,
  gcdOf,
  lcm,
  parseFixed,
  roundUnitsHalfAway,
  sumFixed,
  toScale,
  unitsToNumber,
  unitsToText,
} from "../../src/engine/money";
import { errorOf } from "../support/engine";

describe("decimal text and whole units", () => {
  it("reads decimal text as whole units of its finest decimal", () => {
    expect(parseFixed("1234.56")).toEqual({ units: 123456n, scale: 2 });
    expect(parseFixed(" -0.50 ")).toEqual({ units: -50n, scale: 2 });
    expect(parseFixed("7")).toEqual({ units: 7n, scale: 0 });
    expect(() => parseFixed("12,5")).toThrow(RangeError);
    expect(() => parseFixed("")).toThrow(RangeError);
  });

  it("reads the exponent form JavaScript writes for very large and very small numbers", () => {
    expect(parseFixed("1e+21")).toEqual({ units: 10n ** 21n, scale: 0 });
    expect(parseFixed("1.5e-7")).toEqual({ units: 15n, scale: 8 });
    expect(parseFixed("-2.5E3")).toEqual({ units: -2500n, scale: 0 });
  });

  it("writes units with exactly their decimals, or plainly without trailing zeros", () => {
    expect(unitsToText(-5n, 2)).toBe("-0.05");
    expect(unitsToText(123456n, 0)).toBe("123456");
    expect(centsToText(100n)).toBe("1.00");
    expect(fixedToText({ units: 1250n, scale: 3 })).toBe("1.25");
    expect(fixedToText({ units: 300n, scale: 2 })).toBe("3");
    expect(fixedToText({ units: 300n, scale: 0 })).toBe("300");
  });

  it("sums and rescales exactly", () => {
    expect(sumFixed([parseFixed("0.1"), parseFixed("0.02"), parseFixed("3")])).toEqual({
      units: 312n,
      scale: 2,
    });
    expect(toScale(parseFixed("1.5"), 4)).toBe(15000n);
  });
});

describe("workbook numbers", () => {
  it("take the exact value their shortest text shows", () => {
    expect(fixedOfNumber(0.1, "x")).toEqual({ units: 1n, scale: 1 });
    expect(fixedOfNumber(-0, "x")).toEqual({ units: 0n, scale: 0 });
    expect(fixedOfNumber(1e21, "x")).toEqual({ units: 10n ** 21n, scale: 0 });
    expect(fixedOfNumber(5e-324, "x")).toEqual({ units: 5n, scale: 324 });
    expect(errorOf(() => fixedOfNumber(NaN, "the amount")).message).toBe(
      "the amount is not a finite number (NaN)",
    );
  });

  it("come back as the nearest number to the exact units, as parsing their text gives", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: -(2n ** 53n), max: 2n ** 53n }),
          fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
        ),
        fc.integer({ min: 0, max: 30 }),
        (units, scale) => {
          expect(unitsToNumber(units, scale)).toBe(Number(unitsToText(units, scale)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("round-trip: a double's exact value converts back to the same double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const { units, scale } = fixedOfNumber(x, "x");
        expect(unitsToNumber(units, scale)).toBe(x === 0 ? 0 : x);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("integer helpers", () => {
  it("have one greatest common divisor and one least common multiple", () => {
    expect(gcd(-12n, 18n)).toBe(6n);
    expect(gcd(0n, 0n)).toBe(0n);
    expect(gcdOf([12n, 18n, -27n])).toBe(3n);
    expect(gcdOf([])).toBe(0n);
    expect(lcm(4n, 6n)).toBe(12n);
  });

  it("round a fraction of units half away from zero, as Excel's ROUND", () => {
    expect(roundUnitsHalfAway(5n, 2n)).toBe(3n);
    expect(roundUnitsHalfAway(-5n, 2n)).toBe(-3n);
    expect(roundUnitsHalfAway(7n, 3n)).toBe(2n);
    expect(roundUnitsHalfAway(-7n, 3n)).toBe(-2n);
  });
});
