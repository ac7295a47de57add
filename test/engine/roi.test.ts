import { Decimal } from "../../src/engine/decimal";
import { CalcError, type CalcErrorKind } from "../../src/engine/errors";
import { ROI_METRICS, roi, roiAll } from "../../src/engine/roi";
import { presentValueFromZero } from "../../src/engine/tvm";
import { errorOf, D, expectCalcError, list } from "../support/engine";

// Net -1000, 400, 400, 400; at 25% the discount factors are 1, 0.8, 0.64, 0.512.
const costs = list(1000, 100, 100, 100);
const benefits = list(0, 500, 500, 500);
const rate = D("0.25");

describe("roi", () => {
  it("roi: (Σbenefits - Σcosts) / Σcosts", () => {
    expect(roi(costs, benefits, rate, "roi").toString()).toBe(D(2).div(13).toString());
  });

  it("npv: net_0 + Excel NPV(rate, net_1..n)", () => {
    expect(roi(costs, benefits, rate, "npv").toString()).toBe("-219.2");
  });

  it("irr: the rate where the net flows are worth zero", () => {
    const value = roi(costs, benefits, rate, "irr");
    expect(value.toFixed(10)).toBe("0.0970102574");
    expect(
      presentValueFromZero(value, list(-1000, 400, 400, 400))
        .abs()
        .lt(D("1e-25")),
    ).toBe(true);
  });

  it("mirr: reinvests at the rate unless a reinvestment rate is given", () => {
    // Inflows compound to 400 × 1.25² + 400 × 1.25 + 400 = 1525 against 1000 out.
    const atRate = D("1.525").pow(D(1).div(3)).minus(1);
    expect(roi(costs, benefits, rate, "mirr").minus(atRate).abs().lt(D("1e-35"))).toBe(true);
    const atZero = D("1.2").pow(D(1).div(3)).minus(1);
    expect(roi(costs, benefits, rate, "mirr", D(0)).minus(atZero).abs().lt(D("1e-35"))).toBe(true);
  });

  it("payback: interpolated within the period that recovers the shortfall", () => {
    // Cumulative -1000, -600, -200, +200: 200 of the 400 in period 3 are needed.
    expect(roi(costs, benefits, rate, "payback").toString()).toBe("2.5");
  });

  it("dpayback: the same on discounted net flows", () => {
    // Net -1000, 625, 625, 625 discounted: -1000, 500, 400, 320; cumulative -1000, -500, -100, 220.
    const quick = { costs: list(1000, 0, 0, 0), benefits: list(0, 625, 625, 625) };
    expect(roi(quick.costs, quick.benefits, rate, "payback").toString()).toBe("1.6");
    expect(roi(quick.costs, quick.benefits, rate, "dpayback").toString()).toBe("2.3125");
  });

  it("payback counts from the last time the cumulative net is negative", () => {
    expect(roi(list(0, 300, 0), list(100, 0, 400), rate, "payback").toString()).toBe("1.5");
    expect(roi(list(0, 0), list(10, 10), rate, "payback").toString()).toBe("0");
  });

  it("payback is #N/A, saying so, when the investment never pays back", () => {
    const error = errorOf(() => roi(costs, benefits, rate, "dpayback"));
    expect(error.kind).toBe("na");
    expect(error.message).toBe("the investment never pays back within 4 periods");
  });

  it("bcr: PV of benefits over PV of costs", () => {
    // 500 × 1.952 / (1000 + 100 × 1.952)
    expect(roi(costs, benefits, rate, "bcr").toString()).toBe(D(976).div("1195.2").toString());
  });

  it.each<[string, () => unknown, CalcErrorKind]>([
    ["zero total costs", () => roi(list(0, 0), list(5, 10), rate, "roi"), "div0"],
    ["zero present value of costs", () => roi(list(0, 0), list(5, 10), rate, "bcr"), "div0"],
    ["an IRR without a sign change", () => roi(list(0, 0), list(5, 10), rate, "irr"), "num"],
    ["a MIRR without both signs", () => roi(list(0, 0), list(5, 10), rate, "mirr"), "div0"],
    ["periods that do not line up", () => roi(list(1, 2), list(1), rate, "npv"), "value"],
    ["no periods", () => roi([], [], rate, "npv"), "value"],
    // Excel: NPV(-1, ...) and MIRR(..., -1, ...) are #DIV/0!
    ["an NPV at a rate of -100%", () => roi(costs, benefits, D(-1), "npv"), "div0"],
    ["a discounted payback at a rate of -100%", () => roi(costs, benefits, D(-1), "dpayback"), "div0"],
    ["a MIRR at a finance rate of -100%", () => roi(costs, benefits, D(-1), "mirr", rate), "div0"],
  ])("is an error for %s", (_case, run, kind) => {
    expect(errorOf(run).kind).toBe(kind);
  });

  it("answers the metrics that do not discount whatever the rate, as Excel's formulas would", () => {
    expect(roi(costs, benefits, D(-1), "roi").toString()).toBe(roi(costs, benefits, rate, "roi").toString());
    expect(roi(costs, benefits, D(-1), "payback").toString()).toBe(
      roi(costs, benefits, rate, "payback").toString(),
    );
    expect(roi(costs, benefits, D(-1), "irr").toString()).toBe(roi(costs, benefits, rate, "irr").toString());
  });

  it("discounts at a rate below -100% as Excel's NPV does", () => {
    // net -1000, 400, 400, 400 at -150%: 1/(1-1.5) = -2, so -1000 + 400·(-2) + 400·4 + 400·(-8)
    expect(roi(costs, benefits, D("-1.5"), "npv").toString()).toBe("-3400");
  });
});

describe("roiAll", () => {
  it("gives every metric in order, with an error where a metric has none", () => {
    const all = roiAll(costs, benefits, rate);
    expect(all.map(([metric]) => metric)).toEqual([...ROI_METRICS]);
    expect(ROI_METRICS).toEqual(["roi", "npv", "irr", "mirr", "payback", "dpayback", "bcr"]);
    for (const [metric, value] of all) {
      if (metric === "dpayback") {
        expect(value).toBeInstanceOf(CalcError);
        expect((value as CalcError).kind).toBe("na");
      } else {
        expect(value).toBeInstanceOf(Decimal);
        expect((value as Decimal).eq(roi(costs, benefits, rate, metric))).toBe(true);
      }
    }
  });

  it("still rejects invalid inputs as a whole", () => {
    expect(errorOf(() => roiAll(list(1, 2), list(1), rate)).kind).toBe("value");
  });
});

describe("roi with dates", () => {
  // Microsoft's XNPV example as a business case: 10,000 spent on 2008-01-01, benefits after.
  const spent = list(10000, 0, 0, 0, 0);
  const gained = list(0, 2750, 4250, 3250, 2750);
  const dates = [39448, 39508, 39751, 39859, 39904];
  const at9 = D("0.09");

  it("npv and irr are Excel's XNPV and XIRR of the net flows", () => {
    expect(roi(spent, gained, at9, "npv", undefined, dates).toFixed(2)).toBe("2086.65");
    expect(roi(spent, gained, at9, "irr", undefined, dates).toFixed(9)).toBe("0.373362534");
  });

  it("roi does not depend on the dates", () => {
    expect(roi(spent, gained, at9, "roi", undefined, dates).toString()).toBe("0.3");
  });

  it("bcr is the benefits' XNPV over the costs' XNPV", () => {
    expect(roi(spent, gained, at9, "bcr", undefined, dates).toFixed(10)).toBe("1.2086647602");
  });

  it("payback counts days from the first date, interpolated between the dates", () => {
    // Cumulative -10000, -7250, -3000 (day 303), +250 (day 411): 3000 of 3250 over 108 days.
    expect(roi(spent, gained, at9, "payback", undefined, dates).toString()).toBe(
      D(303).plus(D(3000).div(3250).times(108)).toString(),
    );
  });

  it("dpayback counts days on the flows discounted by date", () => {
    const value = roi(spent, gained, at9, "dpayback", undefined, dates);
    expect(value.gt(roi(spent, gained, at9, "payback", undefined, dates))).toBe(true);
    expect(value.lt(456)).toBe(true);
    expect(value.toFixed(4)).toBe("417.9735");
  });

  it("payback with dates one day apart counts as many days as periods", () => {
    const days = [45000, 45001, 45002, 45003];
    expect(roi(costs, benefits, rate, "payback", undefined, days).toString()).toBe("2.5");
  });

  it("payback adds the flows of one date together, and orders the dates", () => {
    // Day 0: -1000; day 30: +600 and -200 (net +400); day 90: +700.
    const c = list(1000, 0, 200, 0);
    const b = list(0, 600, 0, 700);
    expect(roi(c, b, rate, "payback", undefined, [45000, 45030, 45030, 45090]).toString()).toBe(
      D(30).plus(D(600).div(700).times(60)).toString(),
    );
    expect(roi(c, b, rate, "payback", undefined, [45000, 45090, 45030, 45030]).toString()).toBe(
      "80", // day 30: -200 + 700; cumulative -500, then +600 on day 90: 30 + 500/600 × 60
    );
  });

  it("says in days when the investment never pays back", () => {
    const error = errorOf(() => roi(list(1000, 0), list(0, 10), rate, "payback", undefined, [45000, 45365]));
    expect(error.kind).toBe("na");
    expect(error.message).toBe("the investment never pays back by the last date, 365 days after the first");
  });

  it("mirr does not take dates", () => {
    const error = errorOf(() => roi(spent, gained, at9, "mirr", undefined, dates));
    expect(error.kind).toBe("value");
    expect(error.message).toBe(
      "mirr does not take dates (Excel has no dated MIRR); leave dates blank for mirr",
    );
  });

  it("all gives every metric on the dates, mirr as its error", () => {
    const all = roiAll(spent, gained, at9, undefined, dates);
    for (const [metric, value] of all) {
      if (metric === "mirr") expect((value as CalcError).kind).toBe("value");
      else expect((value as Decimal).eq(roi(spent, gained, at9, metric, undefined, dates))).toBe(true);
    }
  });

  it.each<[string, () => unknown, CalcErrorKind, string]>([
    [
      "fewer dates than periods",
      () => roi(spent, gained, at9, "npv", undefined, dates.slice(1)),
      "value",
      "dates: 4 dates, but costs and benefits have 5 periods; give one date per period",
    ],
    [
      "a date before the first",
      () => roi(spent, gained, at9, "npv", undefined, [39508, 39448, 39751, 39859, 39904]),
      "num",
      "dates: the 2nd date, 2008-01-01, is before the first date, 2008-03-01",
    ],
    [
      "a number that is no date",
      () => roi(spent, gained, at9, "irr", undefined, [39448, 39508, -1, 39859, 39904]),
      "value",
      "dates: the 3rd date (-1) is not a date",
    ],
    [
      "an npv at a rate of -100%",
      () => roi(spent, gained, D(-1), "npv", undefined, dates),
      "num",
      "greater than -100%",
    ],
    [
      "a dpayback at a rate below -100%",
      () => roi(spent, gained, D(-2), "dpayback", undefined, dates),
      "num",
      "greater than -100%",
    ],
    [
      "an irr without a sign change",
      () => roi(list(0, 0), list(5, 10), at9, "irr", undefined, [1, 2]),
      "num",
      "",
    ],
    [
      "zero present value of costs",
      () => roi(list(0, 0), list(5, 10), at9, "bcr", undefined, [1, 2]),
      "div0",
      "",
    ],
  ])("is an error for %s", (_case, run, kind, words) => expectCalcError(run, kind, words));
});
