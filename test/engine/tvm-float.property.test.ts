import fc from "fast-check";
import { Decimal } from "../../src/engine/decimal";
import { irr, mirr, npv, presentValueFromZero } from "../../src/engine/tvm";
import {
  irrInDoubles,
  irrOfNumbers,
  mirrOfNumbers,
  npvInDoubles,
  npvOfNumbers,
  presentValueInDoubles,
  presentValueOfNumbers,
} from "../../src/engine/tvm-float";
import { kindOf, outcomeOf } from "../support/engine";

/** DESIGN.md: amounts to max(1e-6, 1e-9 × |value|), rates (IRR, MIRR) to 1e-7. */
const amountTolerance = (exact: number) => Math.max(1e-6, 1e-9 * Math.abs(exact));
const decimals = (values: readonly number[]) => values.map((v) => new Decimal(v));

/** Money in cents, from small amounts to a large enterprise's. */
const money = fc
  .tuple(fc.integer({ min: -(10 ** 9), max: 10 ** 9 }), fc.constantFrom(1, 100, 10_000, 1_000_000))
  .map(([cents, scale]) => Math.round(cents * scale) / 100);
const rate = fc.double({ min: -0.95, max: 3, noNaN: true });
const flows = fc.array(money, { minLength: 1, maxLength: 40 });

/**
 * An investment: an outlay in period 0, then returns (one sign change, as most business cases). The
 * returns add up to at least a billionth of the outlay: the NPV is then positive at 1 + rate = 1e-10,
 * so the IRR lies within the rates the search reaches (down to 1 + rate = 1.1 / 1.05^500, about
 * 2.8e-11); below that no rate is found, and the answer is #NUM!, as Excel's.
 */
const investment = fc
  .tuple(
    fc.integer({ min: 1, max: 10 ** 11 }),
    fc.array(fc.integer({ min: 0, max: 10 ** 10 }), { minLength: 1, maxLength: 40 }),
  )
  .filter(([outlay, returns]) => returns.reduce((sum, r) => sum + r, 0) * 10 ** 9 >= outlay)
  .map(([outlay, returns]) => [-outlay / 100, ...returns.map((r) => r / 100)]);

/** Flows whose NPV at `rate` nearly cancels: the last flow is set to bring it to within a cent. */
const cancelling = fc
  .tuple(fc.array(money, { minLength: 2, maxLength: 30 }), fc.double({ min: 0, max: 0.5, noNaN: true }))
  .filter(([head]) => head.some((f) => Math.abs(f) >= 1e9))
  .map(([head, r]) => {
    const x = new Decimal(1).div(1 + r);
    const partial = head.reduce((acc, f, t) => acc.plus(x.pow(t).times(f)), new Decimal(0));
    const last = partial.negated().div(x.pow(head.length)).toDecimalPlaces(2).toNumber();
    return { flows: [...head, last], rate: r };
  });

describe("NPV in doubles", () => {
  it("agrees with the exact NPV within DESIGN.md's tolerance, whichever path answers", () => {
    fc.assert(
      fc.property(rate, flows, (r, fs) => {
        const exact = npv(new Decimal(r), decimals(fs)).toNumber();
        expect(Math.abs(npvOfNumbers(r, fs) - exact)).toBeLessThanOrEqual(amountTolerance(exact));
        const fromZero = presentValueFromZero(new Decimal(r), decimals(fs)).toNumber();
        expect(Math.abs(presentValueOfNumbers(r, fs) - fromZero)).toBeLessThanOrEqual(
          amountTolerance(fromZero),
        );
      }),
      { numRuns: 800 },
    );
  });

  it("answers ordinary business cases in doubles", () => {
    fc.assert(
      fc.property(investment, fc.double({ min: 0, max: 0.3, noNaN: true }), (fs, r) => {
        expect(npvInDoubles(r, fs)).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });

  it("leaves nearly cancelling flows to the exact path", () => {
    fc.assert(
      fc.property(cancelling, ({ flows: fs, rate: r }) => {
        expect(presentValueInDoubles(r, fs)).toBeUndefined();
        expect(presentValueOfNumbers(r, fs)).toBe(
          presentValueFromZero(new Decimal(r), decimals(fs)).toNumber(),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("fails as the exact path does: a rate of -100% is #DIV/0!", () => {
    expect(kindOf(() => npvOfNumbers(-1, [100, 200]))).toBe("div0");
    expect(kindOf(() => npvOfNumbers(0.1, []))).toBe("value");
  });
});

describe("IRR in doubles", () => {
  it("finds the exact IRR within 1e-7, and in doubles for one sign change", () => {
    fc.assert(
      fc.property(investment, (fs) => {
        const exact = irr(decimals(fs)).toNumber();
        expect(Math.abs(irrOfNumbers(fs) - exact)).toBeLessThanOrEqual(1e-7);
        const float = irrInDoubles(fs);
        if (float !== undefined) expect(Math.abs(float - exact)).toBeLessThanOrEqual(1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it("takes the float path for ordinary business cases", () => {
    // An outlay, then returns of up to three times an even share of it each: IRRs from -100% to a few hundred.
    const ordinary = fc
      .tuple(
        fc.integer({ min: 1000, max: 10 ** 9 }),
        fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 4, maxLength: 40 }),
      )
      .filter(([, shares]) => shares.some((x) => x > 0.01))
      .map(([outlay, shares]) => [
        -outlay,
        ...shares.map((x) => Math.round((x * outlay * 100) / shares.length) / 100),
      ]);
    const cases = fc.sample(ordinary, { numRuns: 300, seed: 7 });
    const inDoubles = cases.filter((fs) => irrInDoubles(fs) !== undefined).length;
    expect(inDoubles / cases.length).toBeGreaterThan(0.99);
  });

  it("leaves flows with several sign changes, where the guess picks the root, to the exact path", () => {
    const flows = [-100, 230, -132];
    expect(irrInDoubles(flows)).toBeUndefined();
    expect(irrOfNumbers(flows, 0.3)).toBe(irr(decimals(flows), new Decimal(0.3)).toNumber());
  });

  it("keeps Excel's error cases", () => {
    expect(kindOf(() => irrOfNumbers([100, 50, 25]))).toBe("num");
    expect(kindOf(() => irrOfNumbers([0, 0, 0]))).toBe("num");
    expect(kindOf(() => irrOfNumbers([-100, 110], -1))).toBe("num");
  });
});

describe("MIRR in doubles", () => {
  it("agrees with the exact MIRR within 1e-7", () => {
    const rates = fc.double({ min: -0.9, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        flows.filter((fs) => fs.length >= 2),
        rates,
        rates,
        (fs, finance, reinvest) => {
          const exact = outcomeOf(() =>
            mirr(decimals(fs), new Decimal(finance), new Decimal(reinvest)).toNumber(),
          );
          const ours = outcomeOf(() => mirrOfNumbers(fs, finance, reinvest));
          if (typeof exact === "string") return expect(ours).toBe(exact);
          expect(Math.abs((ours as number) - exact)).toBeLessThanOrEqual(1e-7);
        },
      ),
      { numRuns: 500 },
    );
  });
});
