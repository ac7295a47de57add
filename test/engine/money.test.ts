import {
  centsToText,
  fixedToText,
  gcd,
  gcdOf,
  lcm,
  parseFixed,
  roundUnitsHalfAway,
  sumFixed,
  toScale,
  unitsToText,
} from "../../src/engine/money";

describe("decimal text and whole units", () => {
  it("reads decimal text as whole units of its finest decimal", () => {
    expect(parseFixed("1234.56")).toEqual({ units: 123456n, scale: 2 });
    expect(parseFixed(" -0.50 ")).toEqual({ units: -50n, scale: 2 });
    expect(parseFixed("7")).toEqual({ units: 7n, scale: 0 });
    expect(() => parseFixed("12,5")).toThrow(RangeError);
    expect(() => parseFixed("")).toThrow(RangeError);
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
