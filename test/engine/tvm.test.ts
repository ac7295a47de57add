import { Decimal } from "../../src/engine/decimal";
import { irr, mirr, npv, presentValueFromZero, requireRateAboveMinusOne } from "../../src/engine/tvm";
import { errorOf, D, list as flows } from "../support/engine";

describe("npv", () => {
  it("discounts the first flow one full period, as Excel does", () => {
    expect(npv(D("0.1"), flows(110, 121)).toString()).toBe("200");
    expect(npv(D("0.25"), flows(100, 100)).toString()).toBe("144");
  });

  it("is the plain sum at a zero rate", () => {
    expect(npv(D(0), flows("100.5", "-50.25", 25)).toString()).toBe("75.25");
  });

  it("is #DIV/0! at a rate of -100% and #VALUE! without flows", () => {
    expect(errorOf(() => npv(D(-1), flows(100))).kind).toBe("div0");
    expect(errorOf(() => npv(D("0.1"), [])).kind).toBe("value");
  });
});

describe("presentValueFromZero", () => {
  it("leaves period 0 undiscounted: net_0 + NPV(rate, net_1..n)", () => {
    expect(presentValueFromZero(D("0.1"), flows(-100, 110)).toString()).toBe("0");
    expect(presentValueFromZero(D("0.25"), flows(-1000, 400, 400, 400)).toString()).toBe("-219.2");
  });

  it("returns a single period-0 flow as it is", () => {
    expect(presentValueFromZero(D("0.1"), flows(42)).toString()).toBe("42");
  });
});

describe("irr", () => {
  const close = (value: Decimal, expected: string, digits = 25) =>
    expect(
      value
        .minus(expected)
        .abs()
        .lte(D(`1e-${digits}`)),
    ).toBe(true);

  it("finds exact rates", () => {
    close(irr(flows(-100, 110)), "0.1");
    close(irr(flows(-100, 0, 121)), "0.1");
    close(irr(flows(0, -100, 110)), "0.1");
    close(irr(flows(-1000, 400, 400, 400)), "0.0970102574", 10);
  });

  it("finds the root nearest the guess when there are several", () => {
    // -100 + 230/(1+r) - 132/(1+r)^2 = 0 at r = 10% and r = 20%.
    close(irr(flows(-100, 230, -132)), "0.1");
    close(irr(flows(-100, 230, -132), D("0.3")), "0.2");
  });

  it("finds a root where 20 Newton steps from 10% do not", () => {
    const cashFlows = flows(-1000, 100, 100, 100);
    const rate = irr(cashFlows);
    expect(rate.isNegative()).toBe(true);
    expect(presentValueFromZero(rate, cashFlows).abs().lt(D("1e-25"))).toBe(true);
  });

  it("is #NUM! without a sign change or without any root", () => {
    const noSignChange = errorOf(() => irr(flows(100, 50, 25)));
    expect(noSignChange.kind).toBe("num");
    expect(noSignChange.message).toMatch(/negative and one positive/);
    expect(errorOf(() => irr(flows(0, 0))).kind).toBe("num");
    // Both signs, but the NPV stays negative for every rate above -100%.
    const noRoot = errorOf(() => irr(flows("-805.41", "232.88", "118.01", "425.12", "-476.78")));
    expect(noRoot.kind).toBe("num");
    expect(noRoot.message).toMatch(/no rate/);
  });

  it("rejects a guess at or below -100%", () => {
    expect(errorOf(() => irr(flows(-100, 110), D(-1))).kind).toBe("num");
  });
});

describe("mirr", () => {
  it("compounds inflows at the reinvestment rate and discounts outflows at the finance rate", () => {
    expect(
      mirr(flows(-100, 0, 121), D("0.1"), D("0.1"))
        .minus("0.1")
        .abs()
        .lt(D("1e-35")),
    ).toBe(true);
    // (50 × 1.2 + 60) / 100 = 1.2 over two periods.
    const expected = D("1.2").sqrt().minus(1);
    expect(
      mirr(flows(-100, 50, 60), D("0.1"), D("0.2"))
        .minus(expected)
        .abs()
        .lt(D("1e-35")),
    ).toBe(true);
  });

  it("is #DIV/0! without both signs or at a rate of -100%, as Excel", () => {
    expect(errorOf(() => mirr(flows(100, 200), D("0.1"), D("0.1"))).kind).toBe("div0");
    expect(errorOf(() => mirr(flows(-100, 0), D("0.1"), D("0.1"))).kind).toBe("div0");
    expect(errorOf(() => mirr(flows(-100, 50, 70), D(-1), D("0.1"))).kind).toBe("div0");
    expect(errorOf(() => mirr(flows(-100, 50, 70), D("0.1"), D(-1))).kind).toBe("div0");
  });

  it("is #NUM! when the result would be the root of a negative number", () => {
    expect(errorOf(() => mirr(flows(-100, 0, 50, 0), D("0.1"), D("-1.5"))).kind).toBe("num");
  });
});

describe("requireRateAboveMinusOne", () => {
  it("names the rate in the message", () => {
    const error = errorOf(() => requireRateAboveMinusOne(D("-1.2"), "discount rate"));
    expect(error.kind).toBe("num");
    expect(error.message).toBe("the discount rate must be greater than -100%, got -1.2");
    expect(() => requireRateAboveMinusOne(D("-0.99"), "discount rate")).not.toThrow();
  });
});
