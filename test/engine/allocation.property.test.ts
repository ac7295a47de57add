import fc from "fast-check";
import { Decimal } from "../../src/engine/decimal";
import { CalcError } from "../../src/engine/errors";
import { allocate, reciprocal, stepDown, type AllocationMethod } from "../../src/engine/allocation";

/** Wide enough to add and compare 1e300 amounts to ten decimals without any rounding. */
const Exact = Decimal.clone({ precision: 400 });
type Exact = InstanceType<typeof Exact>;

const exact = (x: Decimal | string | number): Exact => new Exact(x.toString());
const exactSum = (values: readonly Decimal[]): Exact =>
  values.reduce((s, v) => s.plus(exact(v)), new Exact(0));
const roundedTotal = (amount: Exact, places: number): Exact =>
  amount.toDecimalPlaces(places, Exact.ROUND_HALF_UP);
const unit = (places: number): Exact => new Exact(10).pow(-places);
const isFiniteNumber = (x: Decimal): boolean => x.isFinite() && Number.isFinite(x.toNumber());

/** A money amount with up to 8 decimals and up to 15 significant digits, as Excel would hand it. */
const money = fc
  .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 8 }))
  .map(([digits, scale]) => new Decimal(`${digits}e-${scale}`));
const driver = fc.oneof(
  fc.constant(new Decimal(0)),
  fc.integer({ min: 1, max: 1000 }).map((n) => new Decimal(n)),
  fc
    .tuple(fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 0, max: 6 }))
    .map(([n, s]) => new Decimal(`${n}e-${s}`)),
);
const drivers = fc.array(driver, { minLength: 1, maxLength: 20 }).filter((ds) => ds.some((d) => !d.isZero()));
const places = fc.integer({ min: 0, max: 6 });
const roundingMethod = fc.constantFrom<AllocationMethod>("largest", "plug");

function exactProportions(amount: Decimal, ds: readonly Decimal[]): Exact[] {
  const total = exactSum(ds);
  return ds.map((d) => exact(amount).times(exact(d)).div(total));
}

/** Only a CalcError may escape; any other exception fails the property. */
function resultOrCalcError<T>(run: () => T): T | CalcError {
  try {
    return run();
  } catch (error) {
    if (error instanceof CalcError) return error;
    throw error;
  }
}

describe("allocate properties", () => {
  it("adds up exactly to ROUND(amount, decimals)", () => {
    fc.assert(
      fc.property(money, drivers, places, roundingMethod, (amount, ds, p, method) => {
        const shares = allocate(amount, ds, p, method);
        expect(shares).toHaveLength(ds.length);
        expect(exactSum(shares).eq(roundedTotal(exact(amount), p))).toBe(true);
        expect(shares.every((s) => exact(s).eq(roundedTotal(exact(s), p)))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("keeps every largest-remainder share within one unit of its exact proportion", () => {
    fc.assert(
      fc.property(money, drivers, places, (amount, ds, p) => {
        const shares = allocate(amount, ds, p, "largest");
        exactProportions(amount, ds).forEach((proportion, i) => {
          expect(exact(shares[i]).minus(proportion).abs().lte(unit(p))).toBe(true);
        });
      }),
      { numRuns: 400 },
    );
  });

  it("never gives an earlier cell less than a later cell with the same driver", () => {
    const repeated = fc
      .tuple(drivers, fc.array(fc.nat(), { minLength: 1, maxLength: 10 }))
      .map(([ds, picks]) => [...ds, ...picks.map((i) => ds[i % ds.length])]);
    fc.assert(
      fc.property(money, repeated, places, (amount, ds, p) => {
        const magnitudes = allocate(amount, ds, p, "largest").map((s) => s.abs());
        ds.forEach((d, i) => {
          ds.forEach((other, j) => {
            if (i < j && d.eq(other)) expect(magnitudes[i].gte(magnitudes[j])).toBe(true);
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it("plug rounds every share half away from zero except the one share of the first largest driver", () => {
    fc.assert(
      fc.property(money, drivers, places, (amount, ds, p) => {
        const shares = allocate(amount, ds, p, "plug");
        const plugged = ds.findIndex((d) => ds.every((other) => d.gte(other)));
        exactProportions(amount, ds).forEach((proportion, i) => {
          if (i !== plugged) expect(exact(shares[i]).eq(roundedTotal(proportion, p))).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("without rounding, gives the exact proportions to 40 significant digits", () => {
    fc.assert(
      fc.property(money, drivers, (amount, ds) => {
        const shares = allocate(amount, ds, 2, "none");
        exactProportions(amount, ds).forEach((proportion, i) => {
          expect(exact(shares[i]).minus(proportion).abs().lte(proportion.abs().times("1e-39"))).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("stays exact for amounts from 1e-300 to 1e300 and for negative zero", () => {
    const extreme = fc.oneof(
      fc.double({ min: 1e-300, max: 1e300, noNaN: true }),
      fc.double({ min: -1e300, max: -1e-300, noNaN: true }),
      fc.constantFrom(0, -0, 1e-300, -1e-300, 1e300, -1e300, Number.MAX_VALUE, Number.MIN_VALUE),
    );
    const wideDriver = fc.oneof(fc.constant(0), fc.double({ min: 1e-300, max: 1e300, noNaN: true }));
    const wideDrivers = fc
      .array(wideDriver, { minLength: 1, maxLength: 6 })
      .filter((ds) => ds.some((d) => d > 0));
    fc.assert(
      fc.property(
        extreme,
        wideDrivers,
        fc.integer({ min: 0, max: 10 }),
        roundingMethod,
        (x, ds, p, method) => {
          const amount = new Decimal(x);
          const shares = allocate(
            amount,
            ds.map((d) => new Decimal(d)),
            p,
            method,
          );
          expect(shares.every(isFiniteNumber)).toBe(true);
          expect(exactSum(shares).eq(roundedTotal(exact(amount), p))).toBe(true);
          expect(
            allocate(
              amount,
              ds.map((d) => new Decimal(d)),
              p,
              "none",
            ).every(isFiniteNumber),
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("answers any number, however odd, with finite shares or a CalcError", () => {
    const anyNumber = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0));
    fc.assert(
      fc.property(
        anyNumber,
        fc.array(anyNumber, { maxLength: 5 }),
        fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double()),
        fc.constantFrom<AllocationMethod>("largest", "plug", "none"),
        (x, ds, p, method) => {
          const result = resultOrCalcError(() =>
            allocate(
              new Decimal(x),
              ds.map((d) => new Decimal(d)),
              p,
              method,
            ),
          );
          if (!(result instanceof CalcError)) expect(result.every(isFiniteNumber)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
});

interface Departments {
  costs: Decimal[];
  usage: Decimal[][];
}

/** Costs (credits too) and usage in which every support department serves some operating department. */
const departments: fc.Arbitrary<Departments> = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
  .chain(([k, p]) =>
    fc.record({
      costs: fc.array(money, { minLength: k, maxLength: k }),
      usage: fc.array(
        fc
          .tuple(
            fc.array(fc.integer({ min: 0, max: 20 }), { minLength: k, maxLength: k }),
            fc.array(fc.integer({ min: 0, max: 20 }), { minLength: p, maxLength: p }),
            fc.nat({ max: p - 1 }),
          )
          .map(([supportUse, operatingUse, served]) =>
            [...supportUse, ...operatingUse.map((u, o) => (o === served ? u + 1 : u))].map(
              (u) => new Decimal(u),
            ),
          ),
        { minLength: k, maxLength: k },
      ),
    }),
  );

const num = (x: Decimal): number => x.toNumber();

/** Step-down in floating point, written out independently as a check to within a fraction of a cent. */
function floatStepDown({ costs, usage }: Departments): number[][] {
  const k = costs.length;
  const pools = costs.map(num);
  return usage.map((row, i) => {
    const used = row.map(num);
    const total = used.slice(i + 1).reduce((s, u) => s + u, 0);
    for (let j = i + 1; j < k; j++) pools[j] += (pools[i] * used[j]) / total;
    return used.slice(k).map((u) => (pools[i] * u) / total);
  });
}

/** Reciprocal in floating point: (I - Bᵀ) T = c solved by Gaussian elimination, then T split by shares. */
function floatReciprocal({ costs, usage }: Departments): number[][] {
  const k = costs.length;
  const shares = usage.map((row, j) => {
    const used = row.map(num);
    const others = used.reduce((s, u, l) => (l === j ? s : s + u), 0);
    return used.map((u, l) => (l === j ? 0 : u / others));
  });
  const system = costs.map((c, i) => [...costs.map((_, j) => (i === j ? 1 : -shares[j][i])), num(c)]);
  for (let col = 0; col < k; col++) {
    for (let row = 0; row < k; row++) {
      if (row === col) continue;
      const factor = system[row][col] / system[col][col];
      for (let j = col; j <= k; j++) system[row][j] -= factor * system[col][j];
    }
  }
  return system.map((row, i) => shares[i].slice(k).map((s) => (row[k] / row[i]) * s));
}

function expectWithinOneUnit(result: Decimal[][], reference: number[][], p: number): void {
  result.forEach((row, i) =>
    row.forEach((cell, o) => {
      const tolerance = 10 ** -p + 1e-9 * Math.max(1, Math.abs(reference[i][o]));
      expect(Math.abs(num(cell) - reference[i][o])).toBeLessThanOrEqual(tolerance);
    }),
  );
}

describe.each([
  ["stepDown", stepDown, floatStepDown],
  ["reciprocal", reciprocal, floatReciprocal],
] as const)("%s properties", (_, method, floatReference) => {
  it("conserves the total exactly: the result adds up to ROUND(Σcosts, decimals)", () => {
    fc.assert(
      fc.property(departments, places, ({ costs, usage }, p) => {
        const result = method(costs, usage, p);
        expect(result).toHaveLength(costs.length);
        expect(result.every((row) => row.length === usage[0].length - costs.length)).toBe(true);
        expect(exactSum(result.flat()).eq(roundedTotal(exactSum(costs), p))).toBe(true);
        expect(result.flat().every(isFiniteNumber)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps every cell within one unit of the unrounded allocation", () => {
    const moderate = departments.filter(({ costs }) => costs.every((c) => c.abs().lt(1e9)));
    fc.assert(
      fc.property(moderate, places, (model, p) => {
        expectWithinOneUnit(method(model.costs, model.usage, p), floatReference(model), p);
      }),
      { numRuns: 200 },
    );
  });

  it("answers any number, however odd, with finite results or a CalcError", () => {
    const anyNumber = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -0, 1e300, 1e-300));
    fc.assert(
      fc.property(
        fc.array(anyNumber, { minLength: 1, maxLength: 3 }),
        fc.array(fc.array(anyNumber, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 3 }),
        (costs, usage) => {
          const result = resultOrCalcError(() =>
            method(
              costs.map((c) => new Decimal(c)),
              usage.map((row) => row.map((u) => new Decimal(u))),
              2,
            ),
          );
          if (!(result instanceof CalcError)) expect(result.flat().every(isFiniteNumber)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("one support department", () => {
  it("step-down and reciprocal both equal allocate by largest remainder over the operating departments", () => {
    fc.assert(
      fc.property(departments, places, ({ costs, usage }, p) => {
        const [cost] = costs;
        const [row] = usage;
        const expected = allocate(cost, row.slice(1), p, "largest").map(String);
        expect(stepDown([cost], [row], p)[0].map(String)).toEqual(expected);
        expect(reciprocal([cost], [row], p)[0].map(String)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
