import { dayOffsets, inDateOrder, xirr, xnpv } from "../../src/engine/dated-flows";
import type { CalcErrorKind } from "../../src/engine/errors";
import { irr, presentValueFromZero } from "../../src/engine/tvm";
import { D, errorOf, expectCalcError, list } from "../support/engine";

// Microsoft's XNPV and XIRR example: 2008-01-01, 2008-03-01, 2008-10-30, 2009-02-15, 2009-04-01.
const flows = list(-10000, 2750, 4250, 3250, 2750);
const dates = [39448, 39508, 39751, 39859, 39904];

describe("dayOffsets", () => {
  it("counts whole days from the first date, truncating the time of day", () => {
    expect(dayOffsets([39448.75, 39508.2, D("39751.999")], 3)).toEqual([0, 60, 303]);
  });

  it("takes the first date as day 0 even when the dates are out of order", () => {
    expect(dayOffsets([39448, 39904, 39508], 3)).toEqual([0, 456, 60]);
  });

  it("names the date before the first, and the first date", () => {
    const error = errorOf(() => dayOffsets([39508, 39448], 2));
    expect(error.kind).toBe("num");
    expect(error.message).toBe(
      "the 2nd date, 2008-01-01, is before the first date, 2008-03-01: put the earliest date first",
    );
  });

  it("says how many dates there are for how many flows", () => {
    const error = errorOf(() => dayOffsets([39448, 39508], 3));
    expect(error.kind).toBe("num");
    expect(error.message).toBe("2 dates for 3 cash flows: give one date per cash flow");
  });

  it.each([
    [-1, "the 1st date (-1) is not a date"],
    [2958466, "the 1st date (2958466) is not a date"],
    [Number.NaN, "the 1st date is not a finite number"],
  ])("refuses %s, which is no Excel date, with #VALUE!", (serial, message) => {
    const error = errorOf(() => dayOffsets([serial], 1));
    expect(error.kind).toBe("value");
    expect(error.message).toContain(message);
  });

  it("accepts Excel's first and last days, and reads serials before March 1900 as Excel does", () => {
    expect(dayOffsets([0, 2958465.9], 2)).toEqual([0, 2958465]);
    expect(errorOf(() => dayOffsets([61, 59, 60], 3)).message).toContain("1900-02-28");
    expect(errorOf(() => dayOffsets([61, 60], 2)).message).toContain("1900-02-29");
  });
});

describe("xnpv", () => {
  it("gives Microsoft's example: 2,086.65 at 9%", () => {
    expect(xnpv(D("0.09"), flows, dates).toFixed(2)).toBe("2086.65");
  });

  it("leaves the first flow undiscounted and discounts whole years as NPV does", () => {
    const yearly = [40179, 40544, 40909, 41274]; // 2010-01-01 and three years of 365 days
    const periodic = presentValueFromZero(D("0.08"), flows.slice(0, 4));
    expect(xnpv(D("0.08"), flows.slice(0, 4), yearly).minus(periodic).abs().lt(D("1e-30"))).toBe(true);
    expect(xnpv(D("0.08"), list(-250), [45000]).toString()).toBe("-250");
  });

  it("is the plain sum at 0% and discounts at negative rates above -100%", () => {
    expect(xnpv(D(0), flows, dates).toString()).toBe("3000");
    expect(xnpv(D("-0.5"), flows, dates).toFixed(6)).toBe("14268.654346");
  });

  it.each<[string, () => unknown, CalcErrorKind]>([
    ["a rate of -100%", () => xnpv(D(-1), flows, dates), "num"],
    ["a rate below -100%", () => xnpv(D("-1.5"), flows, dates), "num"],
    ["fewer dates than flows", () => xnpv(D("0.09"), flows, dates.slice(1)), "num"],
    ["a date before the first", () => xnpv(D("0.09"), flows, [39508, 39448, 39751, 39859, 39904]), "num"],
    ["a number that is no date", () => xnpv(D("0.09"), flows, [39448, -3, 39751, 39859, 39904]), "value"],
    ["no flows", () => xnpv(D("0.09"), [], []), "num"],
  ])("is an error for %s", (_case, run, kind) => {
    expect(errorOf(run).kind).toBe(kind);
  });
});

describe("xirr", () => {
  it("gives Microsoft's example: 0.373362535 (37.3%), to Excel's 0.000001%", () => {
    // The exact root is 0.37336253352; Excel's iteration stops within 0.000001% of it.
    const rate = xirr(flows, dates);
    expect(rate.minus("0.373362535").abs().lt(D("0.373362535").times("1e-8"))).toBe(true);
    expect(xnpv(rate, flows, dates).abs().lt(D("1e-25"))).toBe(true);
    expect(xirr(flows, dates, D("0.1")).eq(rate)).toBe(true);
  });

  it("equals IRR when the flows are a year of 365 days apart", () => {
    const yearly = [40179, 40544, 40909, 41274, 41639];
    const rate = xirr(flows, yearly);
    expect(rate.minus(irr(flows)).abs().lt(D("1e-25"))).toBe(true);
  });

  it("starts from the guess, finding the root near it", () => {
    // -100, +230, -132 a year apart is worth zero at 10% and at 20%.
    const yearly = [40179, 40544, 40909];
    expect(xirr(list(-100, 230, -132), yearly, D("0.05")).toFixed(12)).toBe("0.100000000000");
    expect(xirr(list(-100, 230, -132), yearly, D("0.3")).toFixed(12)).toBe("0.200000000000");
  });

  it("finds a root far from the guess where Newton's method alone would not", () => {
    const rate = xirr(list(-100, 0, 0, 1000000), [40000, 40100, 40200, 40300]);
    expect(
      xnpv(rate, list(-100, 0, 0, 1000000), [40000, 40100, 40200, 40300])
        .abs()
        .lt(D("1e-20")),
    ).toBe(true);
    expect(rate.gt(10000)).toBe(true);
  });

  it("takes the first date, not the earliest, as day 0 for flows on later dates in any order", () => {
    const shuffled = [39448, 39904, 39508, 39859, 39751];
    const reordered = [flows[0], flows[4], flows[1], flows[3], flows[2]];
    expect(xirr(reordered, shuffled).minus(xirr(flows, dates)).abs().lt(D("1e-30"))).toBe(true);
  });

  it.each<[string, () => unknown, CalcErrorKind, string]>([
    ["no negative flow", () => xirr(list(10000, 2750), dates.slice(0, 2)), "num", "at least one negative"],
    ["no positive flow", () => xirr(list(-1, 0, -2), dates.slice(0, 3)), "num", "one positive"],
    ["every flow on one date", () => xirr(list(-10, 10), [39448, 39448.5]), "num", "first date"],
    ["a guess of -100%", () => xirr(flows, dates, D(-1)), "num", "XIRR guess"],
    ["more dates than flows", () => xirr(flows.slice(0, 4), dates), "num", "5 dates for 4 cash flows"],
    ["a date before the first", () => xirr(flows, [39448, 39447, 39751, 39859, 39904]), "num", "2007-12-31"],
    ["a number that is no date", () => xirr(flows, [39448, 39508, 3e6, 39859, 39904]), "value", "3000000"],
    [
      "flows no rate makes zero",
      () => xirr(list(-100, 300, -300), [40179, 40544, 40909]),
      "num",
      "no rate makes the net present value",
    ],
  ])("is an error for %s", (_case, run, kind, words) => expectCalcError(run, kind, words));
});

describe("inDateOrder", () => {
  it("adds the flows of one day together and orders the days", () => {
    const ordered = inDateOrder(list(-100, 30, 20, 50), [0, 90, 30, 30]);
    expect(ordered.days).toEqual([0, 30, 90]);
    expect(ordered.flows.map(String)).toEqual(["-100", "70", "30"]);
  });
});
