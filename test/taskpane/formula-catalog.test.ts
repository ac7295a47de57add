import { FORMULAS, FORMULA_GROUPS, type FormulaSpec, formulaNamed } from "../../src/contract/formulas";
import { argumentProblem, formulaText, isReference } from "../../src/taskpane/formulas/formula-text";

/** The argument texts of an example formula, string literals unquoted. */
function exampleArguments(example: string): string[] {
  const inner = /^=ITFM\.[A-Z]+\((.*)\)$/.exec(example)?.[1];
  if (inner === undefined) throw new Error(`not an ITFM call: ${example}`);
  return (inner.match(/"(?:[^"]|"")*"|[^,]+/g) ?? []).map((part) => {
    const text = part.trim();
    return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text;
  });
}

// The specs' agreement with the formulas' JSDoc (names, order, optional, ranges) is checked in
// test/functions/formula-spec.test.ts; here, what the gallery and the builder make of them.
describe("the formula gallery's specs", () => {
  it("fill every group of the gallery", () => {
    expect(new Set(FORMULAS.map((f) => f.group))).toEqual(new Set(FORMULA_GROUPS));
  });

  it.each(FORMULAS.map((f) => [f.name, f] as const))("%s has a hint for every argument", (_name, entry) => {
    for (const argument of entry.arguments) expect(argument.hint).not.toBe("");
  });

  it.each(FORMULAS.map((f) => [f.name, f] as const))(
    "%s has a description and an example the builder would write",
    (_name, entry) => {
      expect(entry.summary.length).toBeGreaterThan(30);
      expect(entry.exampleNote).not.toBe("");
      const texts = exampleArguments(entry.example);
      texts.forEach((text, i) => expect(argumentProblem(entry.arguments[i], text)).toBeUndefined());
      entry.arguments.slice(texts.length).forEach((a) => expect(a.optional).toBe(true));
      expect(formulaText(entry, texts)).toBe(entry.example);
    },
  );
});

describe("writing a formula from the builder's fields", () => {
  const cost = formulaNamed("COST")!;
  const allocate = formulaNamed("ALLOCATE")!;

  it("quotes names, escapes quotes, and drops trailing blank arguments", () => {
    expect(formulaText(cost, ["Compute", "2026-03", "", ""])).toBe('=ITFM.COST("Compute", "2026-03")');
    expect(formulaText(cost, ['Say "hi"', "FY2026", "", "v1"])).toBe(
      '=ITFM.COST("Say ""hi""", "FY2026", , "v1")',
    );
  });

  it("writes references and numbers as they are, and leaves out the sheet of the cell it goes into", () => {
    const texts = ["Budget!B2", "'Run rate'!C2:C13", "0", "plug"];
    expect(formulaText(allocate, texts, "Budget")).toBe("=ITFM.ALLOCATE(B2, 'Run rate'!C2:C13, 0, \"plug\")");
    expect(formulaText(allocate, texts, "run RATE")).toBe('=ITFM.ALLOCATE(Budget!B2, C2:C13, 0, "plug")');
    expect(formulaText(allocate, ["1,000", "C2:C4"])).toBe('=ITFM.ALLOCATE("1,000", C2:C4)');
  });

  it("says what is wrong with an argument before it goes into a cell", () => {
    const [amount, drivers, decimals, method] = allocate.arguments;
    expect(argumentProblem(amount, "")).toMatch(/^Required: select the cells/);
    expect(argumentProblem(drivers, "Compute")).toMatch(/Select cells/);
    expect(argumentProblem(decimals, "")).toBeUndefined();
    expect(argumentProblem(decimals, "two")).toMatch(/number/);
    expect(argumentProblem(method, "biggest")).toBe("One of largest, plug, none");
    expect(argumentProblem(cost.arguments[0], "Anything at all")).toBeUndefined();
    // A period is one the formulas read (or a cell holding one), with examples in the model's year.
    for (const ok of ["2026-03", "2026-Q1", "2026", "fy2026", "B2"])
      expect(argumentProblem(cost.arguments[1], ok, 2026)).toBeUndefined();
    expect(argumentProblem(cost.arguments[1], "March 2026", 2026)).toBe(
      "“March 2026” is not a period: type a month like 2026-03, a quarter like 2026-Q1, a year like 2026 or FY2026",
    );
  });

  it("recognizes Excel references", () => {
    for (const ok of ["B2", "$B$2", "B2:C40", "Data!A1", "'Run rate'!A1:B2", "'O''Brien'!Z99"])
      expect(isReference(ok)).toBe(true);
    for (const no of ["Compute", "2026-03", "B", "12", "A1:", "Run rate!A1"])
      expect(isReference(no)).toBe(false);
  });
});

describe("member names that look like formulas", () => {
  test("go into the formula as quoted text, so Excel never evaluates them", () => {
    const cost = formulaNamed("COST") as FormulaSpec;
    const names = ['=HYPERLINK("http://example.com")', "+1+1", "-2", "@SUM(A1)", 'a "quoted" name'];
    for (const name of names) {
      const text = formulaText(cost, [name, "2026-03"]);
      expect(text).toBe(`=ITFM.COST("${name.replace(/"/g, '""')}", "2026-03")`);
    }
  });
});
