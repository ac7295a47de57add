import { Decimal } from "../../src/engine/decimal";
import { CalcError, type CalcErrorKind } from "../../src/engine/errors";
import { ROI_METRICS, roi, roiAll } from "../../src/engine/roi";
import { presentValueFromZero } from "../../src/engine/tvm";
import { errorOf, D, list } from "../support/engine";

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
