import fc from "fast-check";
import { type Rational, ReciprocalSystem, fraction } from "../../src/engine/allocation";

const text = (r: Rational): string => `${r.num}/${r.den}`;
const whole = (n: number): Rational => fraction(BigInt(n), 1n);

/** k support departments with usage rows over k + p columns, and some lists of own costs. */
const systems = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })).chain(([k, p]) =>
  fc.record({
    k: fc.constant(k),
    usage: fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: k + p, maxLength: k + p }), {
      minLength: k,
      maxLength: k,
    }),
    costs: fc.array(fc.array(fc.integer({ min: -5000, max: 5000 }), { minLength: k, maxLength: k }), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
);

describe("ReciprocalSystem", () => {
  it("solves many lists of own costs in one elimination exactly as it solves each alone", () => {
    fc.assert(
      fc.property(systems, ({ k, usage, costs }) => {
        const system = new ReciprocalSystem(
          usage.map((row) => row.map(whole)),
          k,
        );
        const lists = costs.map((list) => list.map(whole));
        const together = system.solveEach(lists);
        const alone = lists.map((list) => system.solve(list));
        if (together === null) {
          expect(alone.every((s) => "singular" in s)).toBe(true);
          return;
        }
        together.forEach((solution, i) => {
          const single = alone[i];
          if ("stuck" in solution) expect(single).toEqual(solution);
          else expect("totals" in single && single.totals.map(text)).toEqual(solution.totals.map(text));
        });
      }),
      { numRuns: 300 },
    );
  });

  it("gives the totals of any costs as the sum of its unit solutions (what tracing a support cost relies on)", () => {
    // Two support departments serving each other and two operating departments.
    const system = new ReciprocalSystem(
      [
        [0, 1, 2, 1],
        [1, 0, 1, 3],
      ].map((row) => row.map(whole)),
      2,
    );
    const solved = system.solveEach([
      [whole(5750), whole(8000)],
      [whole(1), whole(0)],
      [whole(0), whole(1)],
    ]);
    expect(solved).not.toBeNull();
    const [own, first, second] = (solved ?? []).map((s) => ("totals" in s ? s.totals : []));
    own.forEach((total, i) => {
      const combined = fraction(
        5750n * first[i].num * second[i].den + 8000n * second[i].num * first[i].den,
        first[i].den * second[i].den,
      );
      expect(text(combined)).toBe(text(total));
    });
  });
});
