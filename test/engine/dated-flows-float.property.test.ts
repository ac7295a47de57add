import fc from "fast-check";
import { outcomeOf } from "../support/engine";
import { xirr, xnpv } from "../../src/engine/dated-flows";
import {
  xirrInDoubles,
  xirrOfNumbers,
  xnpvInDoubles,
  xnpvOfNumbers,
} from "../../src/engine/dated-flows-float";
import { Decimal } from "../../src/engine/decimal";

const decimals = (values: readonly number[]) => values.map((v) => new Decimal(v));
const money = fc.integer({ min: -(10 ** 11), max: 10 ** 11 }).map((cents) => cents / 100);
/** Excel date serials from 2020 on, the first one first, the rest in any order after it. */
const datedFlows = fc
  .tuple(
    fc.integer({ min: 43831, max: 50000 }),
    fc.array(fc.tuple(money, fc.integer({ min: 0, max: 4000 })), { minLength: 1, maxLength: 30 }),
  )
  .map(([first, rest]) => ({
    flows: rest.map(([flow]) => flow),
    dates: rest.map(([, days], i) => (i === 0 ? first : first + days)),
  }));
/** An outlay on the first date, then returns on later dates. */
const investment = fc
  .tuple(
    fc.integer({ min: 1000, max: 10 ** 9 }),
    fc.array(fc.tuple(fc.double({ min: 0.01, max: 3, noNaN: true }), fc.integer({ min: 1, max: 3650 })), {
      minLength: 2,
      maxLength: 30,
    }),
  )
  .map(([outlay, returns]) => ({
    flows: [-outlay, ...returns.map(([x]) => Math.round((x * outlay * 100) / returns.length) / 100)],
    dates: [45658, ...returns.map(([, days]) => 45658 + days)],
  }));

describe("XNPV in doubles", () => {
  it("agrees with the exact XNPV within DESIGN.md's tolerance, errors alike", () => {
    fc.assert(
      fc.property(datedFlows, fc.double({ min: -0.9, max: 2, noNaN: true }), ({ flows, dates }, rate) => {
        const exact = outcomeOf(() => xnpv(new Decimal(rate), decimals(flows), dates).toNumber());
        const ours = outcomeOf(() => xnpvOfNumbers(rate, flows, dates));
        if (typeof exact === "string") return expect(ours).toBe(exact);
        expect(Math.abs((ours as number) - exact)).toBeLessThanOrEqual(
          Math.max(1e-6, 1e-9 * Math.abs(exact)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("answers business cases in doubles, and leaves error cases to the exact path", () => {
    fc.assert(
      fc.property(investment, ({ flows, dates }) => expect(xnpvInDoubles(0.08, flows, dates)).toBeDefined()),
      { numRuns: 100 },
    );
    expect(xnpvInDoubles(0.08, [-100, 60, 60], [45658, 45000, 46000])).toBeUndefined();
    expect(outcomeOf(() => xnpvOfNumbers(0.08, [-100, 60, 60], [45658, 45000, 46000]))).toBe("num");
    expect(outcomeOf(() => xnpvOfNumbers(0.08, [-100, 60], [45658]))).toBe("num");
  });
});

describe("XIRR in doubles", () => {
  it("finds the exact XIRR within 1e-7, in doubles for business cases", () => {
    let inDoubles = 0;
    fc.assert(
      fc.property(investment, ({ flows, dates }) => {
        const exact = xirr(decimals(flows), dates).toNumber();
        expect(Math.abs(xirrOfNumbers(flows, dates) - exact)).toBeLessThanOrEqual(1e-7);
        if (xirrInDoubles(flows, dates) !== undefined) inDoubles++;
      }),
      { numRuns: 50, seed: 20261202 },
    );
    expect(inDoubles).toBeGreaterThanOrEqual(48);
  });

  it("keeps the exact path's answers and errors for any flows", () => {
    fc.assert(
      fc.property(datedFlows, ({ flows, dates }) => {
        const exact = outcomeOf(() => xirr(decimals(flows), dates).toNumber());
        const ours = outcomeOf(() => xirrOfNumbers(flows, dates));
        if (typeof exact === "string") return expect(ours).toBe(exact);
        expect(Math.abs((ours as number) - exact)).toBeLessThanOrEqual(1e-7);
      }),
      { numRuns: 25 },
    );
  });
});
