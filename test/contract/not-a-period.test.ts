import { notAPeriod } from "../../src/contract/period";

describe("the words for a text that is not a period", () => {
  it("quotes what was typed and gives examples in the year it names", () => {
    expect(notAPeriod("March 2026", 2030)).toBe(
      '"March 2026" is not a period: type a month such as 2026-03, a quarter such as 2026-Q1, a year such as 2026 or a fiscal year such as FY2026',
    );
    expect(notAPeriod(" Sept 2027 ", 2030)).toMatch(
      /^"Sept 2027" is not a period: type a month such as 2027-09, /,
    );
  });

  it("without a year, the examples are in this year", () => {
    expect(notAPeriod("Q3", 2028)).toBe(
      '"Q3" is not a period: type a month such as 2028-03, a quarter such as 2028-Q1, a year such as 2028 or a fiscal year such as FY2028',
    );
  });
});
