import { dirname, join, relative, resolve, sep } from "node:path";
import { ROOT, SRC, importsOf, isInside, sourceFiles } from "./sources";

const ENGINE = join(SRC, "engine");

describe("the engine's public surface", () => {
  it("is one entry file per area: nothing outside src/engine imports a module in one of its folders", () => {
    const reaching: string[] = [];
    for (const file of sourceFiles(SRC).filter((f) => !isInside(ENGINE, f))) {
      for (const specifier of importsOf(file).filter((s) => s.startsWith("."))) {
        const target = resolve(dirname(file), specifier);
        if (isInside(ENGINE, target) && relative(ENGINE, target).includes(sep)) {
          reaching.push(`${relative(ROOT, file)} imports ${specifier}`);
        }
      }
    }
    expect(reaching).toEqual([]);
  });

  it("keeps the engine pure: it imports nothing of the project outside src/engine, and only decimal.js", () => {
    const outside: string[] = [];
    for (const file of sourceFiles(ENGINE)) {
      for (const specifier of importsOf(file)) {
        const leaves = specifier.startsWith(".")
          ? !isInside(ENGINE, resolve(dirname(file), specifier))
          : specifier !== "decimal.js";
        if (leaves) outside.push(`${relative(ROOT, file)} imports ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
