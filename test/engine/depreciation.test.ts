import { Decimal, sum } from "../../src/engine/decimal";
import {
  db,
  ddb,
  depreciation,
  depreciationSchedule,
  sln,
  syd,
  vdb,
  type DepreciationMethod,
} from "../../src/engine/depreciation";
import { errorOf, kindOf, D } from "../support/engine";

const texts = (values: readonly Decimal[]) => values.map((v) => v.toString());

describe("sln", () => {
  it("spreads cost less salvage evenly", () => {
    expect(sln(D(1000), D(100), D(3)).toString()).toBe("300");
  });

  it("is #DIV/0! for a zero life", () => {
    expect(kindOf(() => sln(D(1000), D(100), D(0)))).toBe("div0");
  });
});

describe("syd", () => {
  it("weights the years 3, 2, 1 out of 6", () => {
    expect([1, 2, 3].map((p) => syd(D(1000), D(100), D(3), D(p)).toString())).toEqual(["450", "300", "150"]);
  });

  it("is #NUM! for a period outside the life or a life not above zero", () => {
    expect(kindOf(() => syd(D(1000), D(100), D(3), D(4)))).toBe("num");
    expect(kindOf(() => syd(D(1000), D(100), D(3), D(0)))).toBe("num");
    expect(kindOf(() => syd(D(1000), D(100), D(0), D(1)))).toBe("num");
  });
});

describe("ddb", () => {
  it("takes 40% of the book value a year and stops at salvage", () => {
    expect([1, 2, 3, 4, 5].map((p) => ddb(D(1000), D(100), D(5), D(p)).toString())).toEqual([
      "400",
      "240",
      "144",
      "86.4",
      "29.6",
    ]);
  });

  it("depreciates everything in the first period when factor/life reaches 100%", () => {
    expect(ddb(D(1000), D(100), D(2), D(1), D(3)).toString()).toBe("900");
    expect(ddb(D(1000), D(100), D(2), D(2), D(3)).toString()).toBe("0");
  });

  it.each([
    ["a negative cost", [-1000, 0, 5, 1, 2]],
    ["a negative salvage", [1000, -1, 5, 1, 2]],
    ["salvage above cost", [1000, 1100, 5, 1, 2]],
    ["a zero life", [1000, 100, 0, 1, 2]],
    ["a period before 1", [1000, 100, 5, "0.5", 2]],
    ["a period after the life", [1000, 100, 5, 6, 2]],
    ["a zero factor", [1000, 100, 5, 1, 0]],
  ])("is #NUM! for %s", (_case, args) => {
    const [cost, salvage, life, period, factor] = args.map(D);
    expect(kindOf(() => ddb(cost, salvage, life, period, factor))).toBe("num");
  });
});

describe("db", () => {
  it("uses the rate 1 - (salvage/cost)^(1/life) rounded to 0.536", () => {
    expect([1, 2, 3].map((p) => db(D(1000), D(100), D(3), D(p)).toString())).toEqual([
      "536",
      "248.704",
      "115.398656",
    ]);
  });

  it("pro-rates the first year and puts the remaining months in period life + 1", () => {
    expect([1, 2, 3, 4].map((p) => db(D(1000), D(100), D(3), D(p), D(6)).toString())).toEqual([
      "268",
      "392.352",
      "182.051328",
      "42.235908096",
    ]);
  });

  it("truncates fractional periods and months", () => {
    expect(db(D(1000), D(100), D(3), D("2.7")).toString()).toBe("248.704");
    expect(db(D(1000), D(100), D(3), D(1), D("6.9")).toString()).toBe("268");
  });

  it.each([
    ["period life + 1 with a full first year", [1000, 100, 3, 4, 12]],
    ["period life + 2", [1000, 100, 3, 5, 6]],
    ["period 0", [1000, 100, 3, 0, 12]],
    ["zero months", [1000, 100, 3, 1, 0]],
    ["thirteen months", [1000, 100, 3, 1, 13]],
    ["a zero cost", [0, 0, 3, 1, 12]],
    ["salvage above cost", [1000, 1100, 3, 1, 12]],
    ["a negative salvage", [1000, -100, 3, 1, 12]],
  ])("is #NUM! for %s", (_case, args) => {
    const [cost, salvage, life, period, month] = args.map(D);
    expect(kindOf(() => db(cost, salvage, life, period, month))).toBe("num");
  });
});

describe("vdb", () => {
  // 1000 over 5 years, no salvage: 400, 240, 144 declining, then the remaining 216 straight line.
  it("switches to straight line when that gives more", () => {
    expect([1, 2, 3, 4, 5].map((p) => vdb(D(1000), D(0), D(5), D(p - 1), D(p)).toString())).toEqual([
      "400",
      "240",
      "144",
      "108",
      "108",
    ]);
    expect(vdb(D(1000), D(0), D(5), D(0), D(5)).toString()).toBe("1000");
  });

  it("stays on declining balance with noSwitch", () => {
    expect(vdb(D(1000), D(0), D(5), D(3), D(5), D(2), true).toString()).toBe("138.24");
  });

  it("counts partial periods pro rata", () => {
    expect(vdb(D(1000), D(0), D(5), D("0.5"), D("1.5")).toString()).toBe("320");
    expect(vdb(D(1000), D(0), D(5), D("3.5"), D(5)).toString()).toBe("162");
    expect(vdb(D(1000), D(0), D(5), D("2.25"), D("2.75")).toString()).toBe("72");
  });

  it.each([
    ["a negative start", [1000, 0, 5, -1, 2]],
    ["an end before the start", [1000, 0, 5, 3, 2]],
    ["an end after the life", [1000, 0, 5, 0, 6]],
    ["salvage above cost", [1000, 1100, 5, 0, 1]],
    ["a negative cost", [-1000, -1100, 5, 0, 1]],
    ["a zero life", [1000, 0, 0, 0, 0]],
  ])("is #NUM! for %s", (_case, args) => {
    const [cost, salvage, life, start, end] = args.map(D);
    expect(kindOf(() => vdb(cost, salvage, life, start, end))).toBe("num");
  });

  it("is #NUM! for a zero factor", () => {
    expect(kindOf(() => vdb(D(1000), D(0), D(5), D(0), D(1), D(0)))).toBe("num");
  });
});

describe("depreciation and depreciationSchedule", () => {
  const methods: DepreciationMethod[] = ["sl", "syd", "ddb", "db", "vdb"];

  it("pick the contract's Excel function for each method", () => {
    expect(depreciation("sl", D(1000), D(100), D(3), 2).toString()).toBe("300");
    expect(depreciation("syd", D(1000), D(100), D(3), 2).toString()).toBe("300");
    expect(depreciation("ddb", D(1000), D(100), D(5), 4).toString()).toBe("86.4");
    expect(depreciation("db", D(1000), D(100), D(3), 3).toString()).toBe("115.398656");
    expect(depreciation("vdb", D(1000), D(0), D(5), 4).toString()).toBe("108");
  });

  it("give one amount per period of the life, each equal to the single-period value", () => {
    for (const method of methods) {
      const schedule = depreciationSchedule(method, D(2400), D(300), D(10));
      expect(schedule).toHaveLength(10);
      schedule.forEach((amount, i) => {
        const single = depreciation(method, D(2400), D(300), D(10), i + 1);
        expect(amount.minus(single).abs().lt(D("1e-30"))).toBe(true);
      });
    }
  });

  it("depreciate exactly cost less salvage over the life with sl, syd and vdb", () => {
    for (const method of ["sl", "syd", "vdb"] as const) {
      expect(sum(depreciationSchedule(method, D(2400), D(300), D(10))).toString()).toBe("2100");
    }
    expect(texts(depreciationSchedule("vdb", D(1000), D(0), D(5)))).toEqual([
      "400",
      "240",
      "144",
      "108",
      "108",
    ]);
  });

  it("are #NUM! for a life that is not a whole number of periods or a period outside it", () => {
    expect(kindOf(() => depreciationSchedule("sl", D(1000), D(0), D("5.5")))).toBe("num");
    for (const period of [0, 6, 2.5]) {
      expect(kindOf(() => depreciation("ddb", D(1000), D(0), D(5), period))).toBe("num");
    }
  });

  it("pass the Excel function's own errors on", () => {
    expect(kindOf(() => depreciationSchedule("db", D(1000), D(1100), D(5)))).toBe("num");
    expect(kindOf(() => depreciationSchedule("vdb", D(-1000), D(0), D(5)))).toBe("num");
  });
});

describe("depreciation of one period with a fractional life", () => {
  const cost = D(10000);
  const salvage = D(1000);
  const life = D("5.5");

  it("equals Excel's function of each method", () => {
    // SLN = 9000 / 5.5; SYD(…, 1) = 9000 × 5.5 × 2 / (5.5 × 6.5); DDB and VDB(…, 0, 1) = 10000 × 2 / 5.5
    expect(depreciation("sl", cost, salvage, life, 1).toString()).toBe(D(9000).div("5.5").toString());
    expect(depreciation("syd", cost, salvage, life, 1).toString()).toBe(D(18000).div("6.5").toString());
    expect(depreciation("ddb", cost, salvage, life, 1).toString()).toBe(D(20000).div("5.5").toString());
    expect(depreciation("vdb", cost, salvage, life, 1).toString()).toBe(
      vdb(cost, salvage, life, D(0), D(1)).toString(),
    );
    expect(depreciation("db", cost, salvage, life, 2).toString()).toBe(
      db(cost, salvage, life, D(2)).toString(),
    );
  });

  it("still needs a period within the life rounded up, and a whole life for a schedule", () => {
    expect(kindOf(() => depreciation("sl", cost, salvage, life, 7))).toBe("num");
    expect(kindOf(() => depreciationSchedule("sl", cost, salvage, life))).toBe("num");
  });
});

describe("depreciation at the edges of the life, as Excel's function of each method", () => {
  const methods: DepreciationMethod[] = ["sl", "syd", "ddb", "db", "vdb"];
  const messageOf = (run: () => unknown) => errorOf(run).message;

  it("is SLN's #DIV/0! for a straight-line life of 0, for a period and for the schedule", () => {
    expect(kindOf(() => depreciation("sl", D(1000), D(100), D(0), 1))).toBe("div0");
    expect(kindOf(() => depreciationSchedule("sl", D(1000), D(100), D(0)))).toBe("div0");
    expect(messageOf(() => depreciation("sl", D(1000), D(100), D(0), 1))).toMatch(
      /^life: .*which is 0; enter/,
    );
  });

  it("is #NUM! for a life of 0 with the other methods, and for a negative life with all", () => {
    for (const method of methods) {
      if (method !== "sl") expect(kindOf(() => depreciation(method, D(1000), D(100), D(0), 1))).toBe("num");
      expect(kindOf(() => depreciation(method, D(1000), D(100), D(-5), 1))).toBe("num");
      expect(kindOf(() => depreciationSchedule(method, D(1000), D(100), D(-5)))).toBe("num");
    }
    expect(messageOf(() => depreciation("ddb", D(1000), D(100), D(-5), 1))).toBe(
      "life: the asset life must be greater than zero (got -5); enter the number of periods the asset is used, for example 5 years or 60 months",
    );
  });

  it("is #NUM! for period 0 or a period beyond the life, naming the periods there are", () => {
    for (const method of methods) {
      for (const period of [0, 6]) {
        expect(kindOf(() => depreciation(method, D(1000), D(100), D(5), period))).toBe("num");
      }
    }
    expect(messageOf(() => depreciation("syd", D(1000), D(100), D(5), 6))).toBe(
      "period: must be a whole number from 1 to 5, the periods of the asset life (got 6)",
    );
  });

  it("gives SLN's and SYD's formula for a salvage above the cost or a negative cost, as Excel", () => {
    expect(depreciation("sl", D(1000), D(1500), D(5), 1).toString()).toBe("-100");
    expect(depreciation("syd", D(-1000), D(0), D(4), 1).toString()).toBe("-400");
  });

  it("is #NUM! for a salvage above the cost or a negative cost with the declining methods", () => {
    for (const method of ["ddb", "db", "vdb"] as const) {
      expect(kindOf(() => depreciation(method, D(1000), D(1500), D(5), 1))).toBe("num");
      expect(kindOf(() => depreciation(method, D(-1000), D(0), D(5), 1))).toBe("num");
    }
    expect(messageOf(() => depreciation("ddb", D(1000), D(1500), D(5), 1))).toMatch(
      /^salvage: the salvage value \(1500\) is above the cost \(1000\); .*enter a salvage value no larger than the cost$/,
    );
  });

  it("is #NUM! for a negative salvage value with VDB, as with DDB and DB", () => {
    expect(kindOf(() => vdb(D(2400), D(-1), D(10), D(0), D(2)))).toBe("num");
    expect(messageOf(() => vdb(D(2400), D(-1), D(10), D(0), D(2)))).toBe(
      "salvage: the salvage value must not be negative (got -1); enter 0 or more",
    );
  });

  it("is #NUM! for a factor not above 0, quoting it", () => {
    expect(messageOf(() => ddb(D(2400), D(300), D(10), D(2), D(-1)))).toBe(
      "factor: the declining-balance factor must be greater than zero (got -1); use 2 for double declining balance",
    );
    expect(kindOf(() => vdb(D(2400), D(300), D(10), D(0), D(2), D(-1)))).toBe("num");
  });
});
