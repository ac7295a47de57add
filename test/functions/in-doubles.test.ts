import fc from "fast-check";
import { Decimal } from "../../src/engine/decimal";
import { roi } from "../../src/engine/roi";
import { tco } from "../../src/engine/tco";
import { roiFormula, tcoFormula } from "../../src/functions/business-case";
import { cellErrorOf, installCustomFunctionsGlobal } from "../support/custom-functions-runtime";

beforeAll(() => installCustomFunctionsGlobal());

const D = (x: number) => new Decimal(x);
const money = fc.integer({ min: 0, max: 10 ** 10 }).map((cents) => cents / 100);
const amountTolerance = (value: number) => Math.max(1e-6, 1e-9 * Math.abs(value));

describe("ROI and TCO as the workbook calls them, in doubles first", () => {
  it("ROI's npv, irr and mirr agree with the exact engine within DESIGN.md's tolerances", () => {
    const periods = fc.array(fc.tuple(money, money), { minLength: 2, maxLength: 20 });
    fc.assert(
      fc.property(periods, fc.constantFrom("npv", "irr", "mirr" as const), (flows, metric) => {
        const [costs, benefits] = [flows.map(([c]) => c), flows.map(([, b]) => b)];
        let exact: number;
        try {
          exact = roi(costs.map(D), benefits.map(D), D(0.08), metric).toNumber();
        } catch {
          return;
        }
        const cell = roiFormula([costs], [benefits], 0.08, metric)[0][0] as number;
        expect(Math.abs(cell - exact)).toBeLessThanOrEqual(metric === "npv" ? amountTolerance(exact) : 1e-7);
      }),
      { numRuns: 150 },
    );
  });

  it("TCO's pv and annual agree with the exact engine within DESIGN.md's tolerance", () => {
    const input = fc.tuple(
      money,
      money,
      fc.integer({ min: 1, max: 30 }),
      fc.double({ min: 0.001, max: 0.3, noNaN: true }),
    );
    fc.assert(
      fc.property(
        input,
        fc.constantFrom("pv" as const, "annual" as const),
        ([upfront, recurring, years, rate], metric) => {
          const exact = tco(
            {
              upfront: D(upfront),
              recurring: D(recurring),
              years,
              rate: D(rate),
              escalation: D(0.03),
              endOfLife: D(-500),
            },
            metric,
          ).toNumber();
          const cell = tcoFormula(
            [[upfront]],
            [[recurring]],
            years,
            rate,
            0.03,
            -500,
            metric,
          )[0][0] as number;
          expect(Math.abs(cell - exact)).toBeLessThanOrEqual(amountTolerance(exact));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("still names a bad argument, which the exact path reads", () => {
    expect(cellErrorOf(() => roiFormula([[100, "n/a"]], [[0, 150]], 0.08, "irr")).message).toMatch(
      /^costs: .*text "n\/a"/,
    );
    expect(cellErrorOf(() => tcoFormula([[1000]], [[100]], "five", 0.08, 0, 0, "pv")).message).toMatch(
      /years/,
    );
    expect(cellErrorOf(() => roiFormula([[100, 1]], [[0]], 0.08, "npv")).message).toMatch(
      /benefits: 1 periods/,
    );
  });
});
