import fc from "fast-check";
import { Decimal } from "../../src/engine/decimal";
import { tco } from "../../src/engine/tco";
import { type TcoNumbers, tcoInDoubles } from "../../src/engine/tco-float";

/** Rates a workbook holds: below 1e-9 the exact path's 40 digits no longer resolve 1 − (1+rate)^-years. */
const rate = fc.double({ min: -0.5, max: 1, noNaN: true }).filter((r) => r === 0 || Math.abs(r) > 1e-9);
const money = fc.integer({ min: -(10 ** 11), max: 10 ** 11 }).map((cents) => cents / 100);
const single = fc.record({
  upfront: money,
  recurring: money,
  years: fc.integer({ min: 0, max: 40 }) as fc.Arbitrary<number | undefined>,
  rate,
  escalation: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
  endOfLife: money,
});
const perYear = fc.record({
  upfront: money,
  recurring: fc.array(money, { minLength: 0, maxLength: 40 }) as fc.Arbitrary<number | number[]>,
  years: fc.constant(undefined) as fc.Arbitrary<number | undefined>,
  rate,
  escalation: fc.constant(0),
  endOfLife: money,
});

function exact(input: TcoNumbers, metric: "pv" | "annual"): number {
  return tco(
    {
      upfront: new Decimal(input.upfront),
      recurring:
        typeof input.recurring === "number"
          ? new Decimal(input.recurring)
          : input.recurring.map((r) => new Decimal(r)),
      years: input.years,
      rate: new Decimal(input.rate),
      escalation: new Decimal(input.escalation),
      endOfLife: new Decimal(input.endOfLife),
    },
    metric,
  ).toNumber();
}

describe("TCO in doubles", () => {
  it.each(["pv", "annual"] as const)(
    "%s agrees with the exact TCO within DESIGN.md's tolerance",
    (metric) => {
      let inDoubles = 0;
      fc.assert(
        fc.property(fc.oneof(single, perYear), (input) => {
          const float = tcoInDoubles(input, metric);
          if (float === undefined) return;
          inDoubles++;
          const value = exact(input, metric);
          expect(Math.abs(float - value)).toBeLessThanOrEqual(Math.max(1e-6, 1e-9 * Math.abs(value)));
        }),
        { numRuns: 400, seed: 20261202 },
      );
      expect(inDoubles).toBeGreaterThan(200);
    },
  );

  it("leaves the exact path the error cases: a rate of -100%, escalation of a per-year list, no years", () => {
    const base = { upfront: 1000, recurring: 100, years: 5, rate: 0.08, escalation: 0.03, endOfLife: 0 };
    expect(tcoInDoubles({ ...base, rate: -1 }, "pv")).toBeUndefined();
    expect(tcoInDoubles({ ...base, recurring: [1, 2], years: undefined }, "pv")).toBeUndefined();
    expect(tcoInDoubles({ ...base, years: undefined }, "pv")).toBeUndefined();
    expect(tcoInDoubles({ ...base, years: 0 }, "annual")).toBeUndefined();
    expect(tcoInDoubles(base, "pv")).toBeCloseTo(exact(base, "pv"), 9);
  });
});
