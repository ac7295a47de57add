import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const ROOT = resolve(__dirname, "../..");
const SRC = join(ROOT, "src");
const ENGINE = join(SRC, "engine");

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every module a file imports or re-exports, as written. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const statements =
    /^\s*(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"|^\s*import\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/gm;
  return [...text.matchAll(statements)].map((match) => match[1] ?? match[2] ?? match[3]);
}

const isInside = (folder: string, path: string): boolean => !relative(folder, path).startsWith("..");

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
