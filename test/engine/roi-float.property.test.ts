import fc from "fast-check";
import { outcomeOf } from "../support/engine";
import { Decimal } from "../../src/engine/decimal";
import { type RoiMetric, roi } from "../../src/engine/roi";
import { roiOfNumbers } from "../../src/engine/roi-float";

const money = fc.integer({ min: 0, max: 10 ** 11 }).map((cents) => cents / 100);
/** Costs and benefits of a business case, some periods nearly cancelling (benefit a cent from the cost). */
const businessCase = fc
  .array(fc.tuple(money, fc.oneof(money, fc.constant(null)), fc.integer({ min: -1, max: 1 })), {
    minLength: 2,
    maxLength: 30,
  })
  .map((periods) => ({
    costs: periods.map(([cost]) => cost),
    benefits: periods.map(
      ([cost, benefit, cents]) => benefit ?? Math.max(0, Math.round(cost * 100 + cents) / 100),
    ),
  }));
const rate = fc.double({ min: -0.5, max: 1, noNaN: true });

describe("ROI of workbook numbers", () => {
  it.each<RoiMetric>(["npv", "irr", "mirr", "roi", "payback", "bcr"])(
    "%s agrees with the exact ROI within DESIGN.md's tolerance, errors alike",
    (metric) => {
      fc.assert(
        fc.property(businessCase, rate, ({ costs, benefits }, r) => {
          const exact = outcomeOf(() =>
            roi(
              costs.map((c) => new Decimal(c)),
              benefits.map((b) => new Decimal(b)),
              new Decimal(r),
              metric,
            ).toNumber(),
          );
          const ours = outcomeOf(() => roiOfNumbers(costs, benefits, r, metric));
          if (typeof exact === "string") return expect(ours).toBe(exact);
          const tolerance =
            metric === "irr" || metric === "mirr" ? 1e-7 : Math.max(1e-6, 1e-9 * Math.abs(exact));
          expect(Math.abs((ours as number) - exact)).toBeLessThanOrEqual(tolerance);
        }),
        { numRuns: 150 },
      );
    },
  );
});
