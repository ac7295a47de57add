import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { generateCustomFunctionsMetadata, type IFunction } from "custom-functions-metadata";
import {
  ALLOCATE,
  DEPRECIATION,
  FORMULAS,
  MEMBER_LISTS,
  MEMBERS,
  MODEL,
  ROI,
  RUNRATE,
  TCO,
  isRemote,
  type FormulaSpec,
} from "../../src/contract/formulas";
import { CellQuery, ListDimension, ModelField } from "../../src/contract/query";
import { ALLOCATION_METHODS, MAX_DECIMALS } from "../../src/engine/allocation";
import { DEPRECIATION_METHODS } from "../../src/engine/depreciation";
import { ROI_METRICS } from "../../src/engine/roi";
import { RUN_RATE_METHODS } from "../../src/engine/runrate";
import { TCO_METRICS } from "../../src/engine/tco";

/**
 * The formula specs against the JSDoc of src/functions, read by the same generator that writes
 * dist/functions.json: the two must describe every formula alike.
 */
const FUNCTIONS_DIR = path.resolve(__dirname, "../../src/functions");
const functionFiles = readdirSync(FUNCTIONS_DIR)
  .map((file) => path.join(FUNCTIONS_DIR, file))
  .filter((file) => readFileSync(file, "utf8").includes("@customfunction"));

async function declaredIn(files: string[]): Promise<IFunction[]> {
  const generated = await generateCustomFunctionsMetadata(files);
  expect(generated.errors).toEqual([]);
  return JSON.parse(generated.metadataJson).functions;
}

let declared: IFunction[];
let declaredRemote: IFunction[];
beforeAll(async () => {
  declared = await declaredIn(functionFiles);
  declaredRemote = await declaredIn(functionFiles.filter((file) => file.endsWith("remote.ts")));
});

const bySpec = FORMULAS.map((spec) => [spec.name, spec] as const);

describe("the JSDoc of src/functions and the formula specs", () => {
  it("declare the same formulas, the remote ones in remote.ts", () => {
    expect(declared.map((f) => f.id).sort()).toEqual(FORMULAS.map((spec) => spec.name).sort());
    for (const f of declared) expect(f.name).toBe(f.id);
    expect(declaredRemote.map((f) => f.id).sort()).toEqual(
      FORMULAS.filter(isRemote)
        .map((spec) => spec.name)
        .sort(),
    );
  });

  it.each(bySpec)("%s has the spec's description and parameters in order", (name, spec) => {
    const formula = declared.find((f) => f.id === name)!;
    expect(formula.description).toBe(spec.description);
    expect(
      formula.parameters.map((p) => ({
        name: p.name,
        optional: p.optional === true,
        range: p.dimensionality === "matrix",
        description: p.description,
      })),
    ).toEqual(
      spec.arguments.map((a) => ({
        name: a.name,
        optional: a.optional,
        range: a.kind === "range",
        description: a.description,
      })),
    );
  });
});

describe("the formula specs", () => {
  it("take their choices from the engine and the contract, not from copies", () => {
    const choices = (spec: FormulaSpec, name: string) => {
      const argument = spec.arguments.find((a) => a.name === name);
      return argument?.kind === "choice" ? argument.choices : undefined;
    };
    expect(choices(ALLOCATE, "method")).toBe(ALLOCATION_METHODS);
    expect(choices(TCO, "metric")).toBe(TCO_METRICS);
    expect(choices(ROI, "metric")).toEqual([...ROI_METRICS, "all"]);
    expect(choices(DEPRECIATION, "method")).toBe(DEPRECIATION_METHODS);
    expect(choices(RUNRATE, "method")).toBe(RUN_RATE_METHODS);
    expect(choices(MODEL, "field")).toBe(ModelField.options);
    const listed = ListDimension.options.flatMap((option) => option.options);
    expect([...choices(MEMBERS, "dimension")!].sort()).toEqual([...listed].sort());
    expect(Object.keys(MEMBER_LISTS)).toEqual(choices(MEMBERS, "dimension"));
    expect(ALLOCATE.arguments.find((a) => a.name === "decimals")).toMatchObject({
      kind: "integer",
      min: 0,
      max: MAX_DECIMALS,
      default: 2,
    });
  });

  it.each(bySpec)("%s describes every choice and default it declares", (_name, spec) => {
    for (const argument of spec.arguments) {
      if (argument.kind === "choice") {
        for (const choice of argument.choices)
          expect(argument.description).toMatch(new RegExp(`\\b${choice}\\b`));
      }
      if ((argument.kind === "number" || argument.kind === "integer") && typeof argument.default === "number")
        expect(argument.description).toContain(`(default ${argument.default})`);
      if (argument.kind === "choice" && argument.default !== undefined)
        expect(argument.description).toContain(`"${argument.default}" (`);
    }
  });

  it.each(bySpec)("%s names its arguments once and has the words the pane shows", (_name, spec) => {
    const names = spec.arguments.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    for (const argument of spec.arguments) {
      expect(argument.hint).not.toBe("");
      if (argument.kind === "member" && !argument.optional) expect(argument.example).toBeTruthy();
      if (argument.kind === "member" && argument.listFrom !== undefined)
        expect(names.indexOf(argument.listFrom)).toBeLessThan(names.indexOf(argument.name));
    }
    // A required argument never follows an optional one: Excel fills parameters in order.
    const firstOptional = spec.arguments.findIndex((a) => a.optional);
    if (firstOptional >= 0) expect(spec.arguments.slice(firstOptional).every((a) => a.optional)).toBe(true);
  });

  it.each(FORMULAS.filter(isRemote).map((spec) => [spec.name, spec] as const))(
    "%s has exactly the fields of its CellQuery",
    (_name, spec) => {
      const variant = CellQuery.options.find((option) => option.shape.kind.value === spec.query);
      expect(variant).toBeDefined();
      expect(Object.keys(variant!.shape).sort()).toEqual(
        ["kind", ...spec.arguments.map((a) => a.name)].sort(),
      );
    },
  );
});
