import { notAPeriod } from "../../src/contract/period";
import { CellQuery, ParsedCellQuery } from "../../src/contract/query";
import { monthsOf } from "../../src/server/query";

describe("the months of a query period", () => {
  test("a month, a calendar quarter and a calendar year", () => {
    expect(monthsOf("2027-03", 1)).toEqual(["2027-03"]);
    expect(monthsOf("2027-Q4", 7)).toEqual(["2027-10", "2027-11", "2027-12"]);
    expect(monthsOf("2027", 7)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, "0")}`),
    );
  });

  test("a fiscal year is named by the calendar year it ends in", () => {
    expect(monthsOf("FY2027", 1)).toEqual(monthsOf("2027", 1));
    const july = monthsOf("FY2027", 7) as string[];
    expect([july[0], july[5], july[6], july[11], july.length]).toEqual([
      "2026-07",
      "2026-12",
      "2027-01",
      "2027-06",
      12,
    ]);
    const april = monthsOf("fy2027", 4) as string[];
    expect([april[0], april[11]]).toEqual(["2026-04", "2027-03"]);
  });

  test("anything else is not a period", () => {
    for (const text of ["2027-13", "2027-Q5", "27", "FY27", "March 2027", ""])
      expect(monthsOf(text, 1)).toBeNull();
  });
});

describe("a cell query's period as the service reads it", () => {
  test("is parsed once, with its text kept", () => {
    const parsed = ParsedCellQuery.parse({ kind: "cost", member: "Compute", period: " fy2027 " });
    expect(parsed).toMatchObject({ period: { text: "fy2027", parsed: { kind: "fiscal-year", year: 2027 } } });
  });

  test("is refused with the same words as the contract's query", () => {
    for (const period of ["2027-13", "March 2027", ""]) {
      const query = { kind: "rate", service: "Compute", period };
      const issues = (schema: typeof CellQuery | typeof ParsedCellQuery) =>
        schema.safeParse(query).error?.issues.map(({ path, message }) => ({ path, message }));
      expect(issues(ParsedCellQuery)).toEqual(issues(CellQuery));
      expect(issues(ParsedCellQuery)).toEqual([{ path: ["period"], message: notAPeriod(period) }]);
    }
  });
});
