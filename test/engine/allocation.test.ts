import { Decimal } from "../../src/engine/decimal";
import { CalcError } from "../../src/engine/errors";
import { allocate, reciprocal, stepDown, type AllocationMethod } from "../../src/engine/allocation";

const decimals = (values: readonly (number | string)[]): Decimal[] => values.map((v) => new Decimal(v));
const texts = (values: readonly Decimal[]): string[] => values.map((v) => v.toString());
const matrixTexts = (rows: readonly (readonly Decimal[])[]): string[][] => rows.map(texts);

function split(
  amount: number | string,
  drivers: (number | string)[],
  places: number,
  method: AllocationMethod,
) {
  return texts(allocate(new Decimal(amount), decimals(drivers), places, method));
}

function calcErrorOf(run: () => unknown): CalcError {
  try {
    run();
  } catch (error) {
    if (error instanceof CalcError) return error;
    throw error;
  }
  throw new Error("the calculation returned a result instead of a CalcError");
}

describe("allocate, largest remainder", () => {
  it("rounds every share down and gives the leftover cent to the earliest of equal remainders", () => {
    // 100/3 = 33.333...: three floors of 33.33 make 99.99, the missing cent goes to position 1.
    expect(split(100, [1, 1, 1], 2, "largest")).toEqual(["33.34", "33.33", "33.33"]);
  });

  it("gives leftover units to the largest fractional remainders before looking at position", () => {
    // 10 by 1:2:3 = 1.667, 3.333, 5: floors 1+3+5 = 9, the one missing unit goes to the .667.
    expect(split(10, [1, 2, 3], 0, "largest")).toEqual(["2", "3", "5"]);
  });

  it("splits a credit as the mirror image of the debit, rounding toward zero", () => {
    expect(split(-100, [1, 1, 1], 2, "largest")).toEqual(["-33.34", "-33.33", "-33.33"]);
    expect(split(-10, [1, 2, 3], 0, "largest")).toEqual(["-2", "-3", "-5"]);
  });

  it("adds up to the amount rounded half away from zero, as Excel's ROUND does", () => {
    expect(split("0.125", [1], 2, "largest")).toEqual(["0.13"]);
    expect(split("-0.125", [1], 2, "largest")).toEqual(["-0.13"]);
    expect(split("2.5", [1, 1], 0, "largest")).toEqual(["2", "1"]);
  });

  it("gives nothing to zero drivers and accepts fractional drivers", () => {
    // 100 by 0:1:0:2 = 0, 33.333, 0, 66.667.
    expect(split(100, [0, 1, 0, 2], 2, "largest")).toEqual(["0", "33.33", "0", "66.67"]);
    // 1 by 0.1:0.2 = 0.3333, 0.6667.
    expect(split(1, ["0.1", "0.2"], 2, "largest")).toEqual(["0.33", "0.67"]);
  });

  it("keeps up to ten decimals", () => {
    expect(split(1, [1, 1, 1], 10, "largest")).toEqual(["0.3333333334", "0.3333333333", "0.3333333333"]);
  });
});

describe("allocate, plug", () => {
  it("rounds each share and puts the difference on the share of the largest driver", () => {
    // 33.33 three times is 99.99; the cent goes to the largest driver, the first of the equal ones.
    expect(split(100, [1, 1, 1], 2, "plug")).toEqual(["33.34", "33.33", "33.33"]);
    // 10 by 1:3:3 = 1.43, 4.29, 4.29 -> 1, 4, 4 = 9; the missing unit goes to driver 2 (3, first of the largest).
    expect(split(10, [1, 3, 3], 0, "plug")).toEqual(["1", "5", "4"]);
    // The same split by largest remainder hands the unit to the .43 instead.
    expect(split(10, [1, 3, 3], 0, "largest")).toEqual(["2", "4", "4"]);
  });

  it("puts the whole difference on one share where largest remainder spreads it", () => {
    // 10 over eight equal drivers = 1.25 each: plug rounds to 1 each and plugs 2 onto the first.
    expect(split(10, [1, 1, 1, 1, 1, 1, 1, 1], 0, "plug")).toEqual(["3", "1", "1", "1", "1", "1", "1", "1"]);
    expect(split(10, [1, 1, 1, 1, 1, 1, 1, 1], 0, "largest")).toEqual([
      "2",
      "2",
      "1",
      "1",
      "1",
      "1",
      "1",
      "1",
    ]);
  });

  it("can take a cent away from the largest share when rounding overshoots", () => {
    // 0.015 over 1:1:1 = 0.005 each -> 0.01 each = 0.03, but ROUND(0.015, 2) = 0.02.
    expect(split("0.015", [1, 1, 1], 2, "plug")).toEqual(["0", "0.01", "0.01"]);
    expect(split("-0.015", [1, 1, 1], 2, "plug")).toEqual(["0", "-0.01", "-0.01"]);
  });
});

describe("allocate, none", () => {
  it("returns exact proportions to the product's 40 significant digits", () => {
    const shares = allocate(new Decimal(100), decimals([1, 1, 1]), 2, "none");
    expect(texts(shares)).toEqual(Array(3).fill("33.33333333333333333333333333333333333333"));
    expect(split(-10, [1, 3], 2, "none")).toEqual(["-2.5", "-7.5"]);
  });
});

describe("allocate, zero amounts", () => {
  it.each(["largest", "plug", "none"] as const)(
    "splits zero and negative zero into plain zeros (%s)",
    (method) => {
      for (const amount of [new Decimal(0), new Decimal(-0), new Decimal("-0")]) {
        const shares = allocate(amount, decimals([1, 2]), 2, method);
        expect(shares.map((s) => s.isZero() && !s.isNegative())).toEqual([true, true]);
      }
    },
  );

  it("gives zeros when the amount rounds to zero", () => {
    expect(split("0.004", [1, 1], 2, "largest")).toEqual(["0", "0"]);
  });
});

describe("allocate, bad input", () => {
  it("rejects a negative driver, naming its position", () => {
    const error = calcErrorOf(() => allocate(new Decimal(100), decimals([1, 2, -5]), 2, "largest"));
    expect(error.kind).toBe("num");
    expect(error.message).toContain("driver 3 is negative (-5)");
  });

  it("answers #DIV/0! when there is nothing to allocate by", () => {
    for (const drivers of [[0, 0, 0], []]) {
      const error = calcErrorOf(() => allocate(new Decimal(100), decimals(drivers), 2, "largest"));
      expect(error.kind).toBe("div0");
      expect(error.message).toMatch(/nothing to allocate by/);
    }
    expect(calcErrorOf(() => allocate(new Decimal(100), decimals([0, 0]), 2, "largest")).message).toBe(
      "all drivers are zero: nothing to allocate by",
    );
  });

  it.each([-1, 11, 1.5, NaN])("rejects %p decimals", (places) => {
    const error = calcErrorOf(() => allocate(new Decimal(1), decimals([1]), places, "largest"));
    expect(error.kind).toBe("num");
    expect(error.message).toMatch(/decimals must be a whole number from 0 to 10/);
  });

  it("rejects amounts and drivers that are not finite numbers or beyond a workbook's range", () => {
    expect(calcErrorOf(() => allocate(new Decimal(NaN), decimals([1]), 2, "largest")).message).toMatch(
      /the amount to allocate is not a finite number/,
    );
    expect(
      calcErrorOf(() => allocate(new Decimal(1), decimals([1, Infinity]), 2, "largest")).message,
    ).toMatch(/driver 2 is not a finite number/);
    const huge = calcErrorOf(() => allocate(new Decimal("1e500"), decimals([1]), 2, "largest"));
    expect(huge.kind).toBe("num");
    expect(huge.message).toMatch(/outside the range/);
  });

  it("rejects an unknown method", () => {
    const error = calcErrorOf(() => allocate(new Decimal(1), decimals([1]), 2, "even" as AllocationMethod));
    expect(error.kind).toBe("value");
    expect(error.message).toContain('"even"');
  });
});

// Horngren, Datar & Rajan, Cost Accounting, the Robinson Company example: support departments Plant
// Maintenance (PM, $6,300,000) and Information Systems (IS, $1,452,150); operating departments
// Machining and Assembly. PM serves IS 20%, Machining 30%, Assembly 50%; IS serves PM 10%,
// Machining 80%, Assembly 10%.
const robinsonCosts = decimals([6300000, 1452150]);
const robinsonUsage = [decimals([0, 20, 30, 50]), decimals([10, 0, 80, 10])];

describe("stepDown", () => {
  it("reproduces the textbook step-down allocation, plant maintenance first", () => {
    // PM: 6,300,000 -> IS 20% = 1,260,000, Machining 30% = 1,890,000, Assembly 50% = 3,150,000.
    // IS: 1,452,150 + 1,260,000 = 2,712,150, PM ignored: Machining 80/90 = 2,410,800, Assembly 10/90 = 301,350.
    expect(matrixTexts(stepDown(robinsonCosts, robinsonUsage, 2))).toEqual([
      ["1890000", "3150000"],
      ["2410800", "301350"],
    ]);
  });

  it("ignores the diagonal and usage by departments already stepped", () => {
    const noisy = [decimals([999, 20, 30, 50]), decimals([123456, 777, 80, 10])];
    expect(matrixTexts(stepDown(robinsonCosts, noisy, 2))).toEqual(
      matrixTexts(stepDown(robinsonCosts, robinsonUsage, 2)),
    );
  });

  it("rounds rows against the total, then cells against their row", () => {
    // Dept 1: 100 by 1:1:1 -> dept 2 33.333, ops 33.333 and 33.333 (row 66.667).
    // Dept 2: 50 + 33.333 = 83.333 by 1:2 -> 27.778 and 55.556 (row 83.333).
    // Rows: 66.66 + 83.33 = 149.99, the cent goes to the .667 row -> 66.67 and 83.33.
    // Row 1: 33.33 + 33.33, the cent to the first of equal remainders; row 2: 27.77 + 55.55, the cent to the .78.
    const result = stepDown(decimals([100, 50]), [decimals([0, 1, 1, 1]), decimals([5, 0, 1, 2])], 2);
    expect(matrixTexts(result)).toEqual([
      ["33.34", "33.33"],
      ["27.78", "55.55"],
    ]);
  });

  it("splits credits as the mirror image of costs", () => {
    const usage = [decimals([0, 1, 1, 1]), decimals([5, 0, 1, 2])];
    expect(matrixTexts(stepDown(decimals([-100, -50]), usage, 2))).toEqual([
      ["-33.34", "-33.33"],
      ["-27.78", "-55.55"],
    ]);
  });

  it("lets a department with no cost and no usage pass nothing", () => {
    const result = stepDown(decimals([0, 60]), [decimals([0, 0, 0, 0]), decimals([0, 0, 1, 2])], 2);
    expect(matrixTexts(result)).toEqual([
      ["0", "0"],
      ["20", "40"],
    ]);
  });

  it("rejects usage of the wrong shape with the shape it needs", () => {
    const error = calcErrorOf(() => stepDown(decimals([1, 2, 3]), [decimals([1, 2, 3, 4])], 2));
    expect(error.kind).toBe("value");
    expect(error.message).toBe(
      "usage must have 3 rows (one per cost) and at least 4 columns (3 support departments, then at least " +
        "one operating department); it has 1 rows and 4 columns",
    );
    expect(calcErrorOf(() => stepDown(decimals([1, 2]), [decimals([0, 1]), decimals([1, 0])], 2)).kind).toBe(
      "value",
    );
    const ragged = calcErrorOf(() => stepDown(decimals([1, 2]), [decimals([0, 1, 1]), decimals([1, 0])], 2));
    expect(ragged.kind).toBe("value");
    expect(ragged.message).toMatch(/usage row 2 has 2 columns but row 1 has 3/);
    expect(calcErrorOf(() => stepDown([], [], 2)).kind).toBe("value");
  });

  it("rejects negative usage, naming the cell", () => {
    const error = calcErrorOf(() =>
      stepDown(decimals([1, 2]), [decimals([0, 1, 1]), decimals([1, 0, -3])], 2),
    );
    expect(error.kind).toBe("num");
    expect(error.message).toContain("usage in row 2, column 3 is negative (-3)");
  });

  it("answers #DIV/0! naming a department that has cost but nobody to pass it to", () => {
    const error = calcErrorOf(() =>
      stepDown(decimals([10, 5]), [decimals([0, 1, 1]), decimals([7, 0, 0])], 2),
    );
    expect(error.kind).toBe("div0");
    expect(error.message).toMatch(/support department 2 has cost to pass on/);
  });
});

describe("reciprocal", () => {
  it("reproduces the textbook reciprocal allocation", () => {
    // PM = 6,300,000 + 0.1 IS and IS = 1,452,150 + 0.2 PM, so 0.98 PM = 6,445,215:
    // PM = 6,576,750 and IS = 2,767,500.
    // PM to Machining 30% = 1,973,025, Assembly 50% = 3,288,375; IS to Machining 80% = 2,214,000, Assembly 10% = 276,750.
    expect(matrixTexts(reciprocal(robinsonCosts, robinsonUsage, 2))).toEqual([
      ["1973025", "3288375"],
      ["2214000", "276750"],
    ]);
  });

  it("solves mutual service and rounds rows against the total, then cells against their row", () => {
    // T1 = 100 + T2/3 and T2 = 50 + T1/3, so T1 = 131.25 and T2 = 93.75.
    // Exact: row 1 43.75 + 43.75 = 87.5, row 2 31.25 + 31.25 = 62.5.
    const usage = [decimals([0, 1, 1, 1]), decimals([1, 0, 1, 1])];
    expect(matrixTexts(reciprocal(decimals([100, 50]), usage, 2))).toEqual([
      ["43.75", "43.75"],
      ["31.25", "31.25"],
    ]);
    // To whole units: rows 87 + 62 = 149, the unit goes to the first equal remainder -> 88 and 62;
    // row 1 43 + 43 = 86 takes two units -> 44 and 44; row 2 is 31 and 31.
    expect(matrixTexts(reciprocal(decimals([100, 50]), usage, 0))).toEqual([
      ["44", "44"],
      ["31", "31"],
    ]);
  });

  it("ignores the diagonal", () => {
    const withSelfUse = [decimals([40, 20, 30, 50]), decimals([10, 5, 80, 10])];
    expect(matrixTexts(reciprocal(robinsonCosts, withSelfUse, 2))).toEqual(
      matrixTexts(reciprocal(robinsonCosts, robinsonUsage, 2)),
    );
  });

  it("answers #NUM! when support departments serve only one another", () => {
    const error = calcErrorOf(() =>
      reciprocal(
        decimals([1, 2, 3]),
        [decimals([0, 1, 0, 0]), decimals([1, 0, 0, 0]), decimals([0, 0, 0, 1])],
        2,
      ),
    );
    expect(error.kind).toBe("num");
    expect(error.message).toMatch(/serve only one another/);
  });

  it("answers #DIV/0! naming a department that cannot pass its cost on", () => {
    const ownCost = calcErrorOf(() =>
      reciprocal(decimals([10, 5]), [decimals([0, 1, 1]), decimals([0, 0, 0])], 2),
    );
    expect(ownCost.kind).toBe("div0");
    expect(ownCost.message).toMatch(/support department 2 has cost to pass on/);
    const received = calcErrorOf(() =>
      reciprocal(decimals([10, 0]), [decimals([0, 1, 1]), decimals([0, 0, 0])], 2),
    );
    expect(received.kind).toBe("div0");
    expect(received.message).toMatch(/support department 2 receives cost from other support departments/);
  });
});
