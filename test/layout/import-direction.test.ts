import { dirname, relative, resolve } from "node:path";
import { ROOT, SRC, importsOf, isInside, sourceFiles } from "./sources";

/**
 * The parts of src and what each may import (docs/ARCHITECTURE.md draws it): the engine nothing, the
 * contract the engine, the client the contract, the Excel functions the client, the task pane the
 * functions' cell-error store, and the service the engine and the contract. Nothing imports the service.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  engine: [],
  contract: ["engine"],
  client: ["contract"],
  functions: ["engine", "contract", "client"],
  taskpane: ["engine", "contract", "client", "functions"],
  server: ["engine", "contract"],
};

/**
 * Files outside src that a part may read: the service names its version from package.json and
 * rewrites the manifest it serves with the build's own manifest tools.
 */
const OUTSIDE_SRC: Record<string, readonly string[]> = {
  server: ["package.json", "scripts/manifest-tools"],
};

const partOf = (path: string): string => relative(SRC, path).split(/[\\/]/)[0];

describe("imports between the parts of src", () => {
  it("point one way", () => {
    const wrong: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const part = partOf(file);
      for (const specifier of importsOf(file).filter((s) => s.startsWith("."))) {
        const target = resolve(dirname(file), specifier);
        const allowed = isInside(SRC, target)
          ? partOf(target) === part || MAY_IMPORT[part]?.includes(partOf(target))
          : OUTSIDE_SRC[part]?.includes(relative(ROOT, target));
        if (!allowed) wrong.push(`${relative(ROOT, file)} imports ${specifier}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("knows every part: a new folder in src is placed in the rules above", () => {
    const parts = new Set(sourceFiles(SRC).map(partOf));
    expect([...parts].sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });
});
