import { type CalcErrorKind } from "../../src/engine/errors";
import { TCO_SCHEDULE_HEADER, tco, tcoSchedule, type TcoInput } from "../../src/engine/tco";
import { kindOf, D } from "../support/engine";

// 1000 up front, 100 a year growing 10% (100, 110, 121), 50 recovered at the end of year 3,
// discounted at 25% (factors 1, 0.8, 0.64, 0.512: exact in decimals).
const escalated: TcoInput = {
  upfront: D(1000),
  recurring: D(100),
  years: 3,
  rate: D("0.25"),
  escalation: D("0.1"),
  endOfLife: D(-50),
};

describe("tcoSchedule", () => {
  it("has the contract's header", () => {
    expect(TCO_SCHEDULE_HEADER).toEqual([
      "Year",
      "Upfront",
      "Recurring",
      "EndOfLife",
      "Total",
      "Discounted",
      "CumulativePV",
    ]);
  });

  it("lists years 0..years with escalation, residual value and discounting", () => {
    expect(tcoSchedule(escalated).map((row) => row.map((v) => v.toString()))).toEqual([
      ["0", "1000", "0", "0", "1000", "1000", "1000"],
      ["1", "0", "100", "0", "100", "80", "1080"],
      ["2", "0", "110", "0", "110", "70.4", "1150.4"],
      ["3", "0", "121", "-50", "71", "36.352", "1186.752"],
    ]);
  });

  it("takes one amount per year from a range, with years left out", () => {
    const rows = tcoSchedule({
      ...escalated,
      recurring: [D(100), D(200), D(300)],
      years: undefined,
      escalation: D(0),
    });
    expect(rows.map((row) => row[2].toString())).toEqual(["0", "100", "200", "300"]);
    // 1000 + 100 × 0.8 + 200 × 0.64 + (300 - 50) × 0.512
    expect(rows[3][6].toString()).toBe("1336");
  });

  it("puts upfront and end of life both in year 0 when years is 0", () => {
    const rows = tcoSchedule({ ...escalated, years: 0, endOfLife: D(-200) });
    expect(rows.map((row) => row.map((v) => v.toString()))).toEqual([
      ["0", "1000", "0", "-200", "800", "800", "800"],
    ]);
  });
});

describe("tco", () => {
  it("gives the nominal total, the present value and the equivalent annual cost", () => {
    expect(tco(escalated, "total").toString()).toBe("1281");
    expect(tco(escalated, "pv").toString()).toBe("1186.752");
    // 1186.752 × 0.25 / (1 - 1.25^-3) = 296.688 / 0.488
    expect(tco(escalated, "annual").toFixed(20)).toBe("607.96721311475409836066");
  });

  it("spreads the present value evenly at a zero rate", () => {
    const undiscounted = { ...escalated, rate: D(0) };
    expect(tco(undiscounted, "pv").toString()).toBe("1281");
    expect(tco(undiscounted, "annual").toString()).toBe("427");
  });

  it.each<[string, Partial<TcoInput>, Parameters<typeof tco>[1], CalcErrorKind]>([
    ["years missing for a single amount", { years: undefined }, "total", "value"],
    ["fractional years", { years: 2.5 }, "total", "num"],
    ["negative years", { years: -1 }, "total", "num"],
    [
      "years not matching the range",
      { recurring: [D(1), D(2)], years: 3, escalation: D(0) },
      "total",
      "value",
    ],
    ["escalation with a range", { recurring: [D(1), D(2)], years: undefined }, "total", "value"],
    ["a present value at a rate of -100%", { rate: D(-1) }, "pv", "div0"],
    ["escalation of -100%", { escalation: D(-1) }, "total", "num"],
    ["an annual cost over zero years", { years: 0 }, "annual", "div0"],
  ])("is an error for %s", (_case, change, metric, kind) => {
    expect(kindOf(() => tco({ ...escalated, ...change }, metric))).toBe(kind);
  });
});
