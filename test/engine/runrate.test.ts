import { runRate, type RunRateMethod } from "../../src/engine/runrate";
import { kindOf, list } from "../support/engine";

describe("runRate", () => {
  const quarter = list(100, 120, 140);

  it("average: Σactuals / n × periods_total", () => {
    expect(runRate(quarter, 12, "average").toString()).toBe("1440");
  });

  it("last: Σactuals + the last actual for each remaining period", () => {
    expect(runRate(quarter, 12, "last").toString()).toBe("1620");
  });

  it("trend: Σactuals + the fitted line over the remaining periods", () => {
    // Line 80 + 20t; periods 4..12 add 9 × 80 + 20 × 72 = 2160.
    expect(runRate(quarter, 12, "trend").toString()).toBe("2520");
    // 10, 30, 20, 40 fit 5 + 8t: periods 5 and 6 add 45 + 53.
    expect(runRate(list(10, 30, 20, 40), 6, "trend").toString()).toBe("198");
  });

  it.each<RunRateMethod>(["average", "last", "trend"])(
    "%s is the actual total once every period is in",
    (method) => {
      expect(runRate(quarter, 3, method).toString()).toBe("360");
    },
  );

  it("is #NUM! for a horizon shorter than the actuals or not whole", () => {
    expect(kindOf(() => runRate(quarter, 2, "average"))).toBe("num");
    expect(kindOf(() => runRate(quarter, 12.5, "last"))).toBe("num");
  });

  it("is #DIV/0! without actuals, or for a trend through a single actual", () => {
    expect(kindOf(() => runRate([], 12, "average"))).toBe("div0");
    expect(kindOf(() => runRate(list(100), 12, "trend"))).toBe("div0");
  });
});
