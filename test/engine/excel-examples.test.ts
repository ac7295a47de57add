import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ParityFixture } from "../../scripts/parity/cases";
import { DOCUMENTED_EXAMPLES } from "../../scripts/parity/documented";
import { evaluateWithEngine } from "../../scripts/parity/evaluate";
import { Decimal, roundHalfAway } from "../../src/engine/decimal";

const fixture = JSON.parse(
  readFileSync(join(__dirname, "../fixtures/parity/libreoffice.json"), "utf8"),
) as ParityFixture;

function shownDecimals(shown: string): number {
  return shown.includes(".") ? shown.length - shown.indexOf(".") - 1 : 0;
}

function asShown(value: Decimal, shown: string): string {
  return roundHalfAway(value, shownDecimals(shown)).toFixed(shownDecimals(shown));
}

describe("Excel's documented examples", () => {
  it("cover every function of the contract", () => {
    const functions = new Set(DOCUMENTED_EXAMPLES.map((e) => e.input.fn));
    for (const fn of ["NPV", "IRR", "MIRR", "SLN", "SYD", "DDB", "DB", "VDB", "XNPV", "XIRR"])
      expect(functions).toContain(fn);
  });

  it.each(DOCUMENTED_EXAMPLES.map((e) => [e.page, e] as const))("%s", (_page, example) => {
    expect(asShown(evaluateWithEngine(example.input), example.shown)).toBe(example.shown);
  });

  it.each(DOCUMENTED_EXAMPLES.map((e) => [e.page, e] as const))(
    "%s: LibreOffice shows the same",
    (_page, example) => {
      const entry = fixture.cases.find((c) => JSON.stringify(c.input) === JSON.stringify(example.input));
      expect(entry).toBeDefined();
      const spreadsheet = entry!.libreoffice;
      expect("value" in spreadsheet).toBe(true);
      if ("value" in spreadsheet)
        expect(asShown(new Decimal(spreadsheet.value), example.shown)).toBe(example.shown);
    },
  );
});
