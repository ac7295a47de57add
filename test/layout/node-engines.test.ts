import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";

const ROOT = path.resolve(__dirname, "../..");
const readJson = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), "utf8"));

type LockedPackage = { engines?: { node?: string } | string[]; optional?: boolean };

describe("the Node.js versions the project declares", () => {
  const declared: string = readJson("package.json").engines.node;
  const lowest = semver.minVersion(declared)!.version;

  it("are accepted by every package the lock file installs, so npm ci warns of no engine", () => {
    const lock = readJson("package-lock.json") as { packages: Record<string, LockedPackage> };
    expect(lock.packages[""].engines).toEqual({ node: declared });
    const refusing = Object.entries(lock.packages)
      .filter(([, info]) => !Array.isArray(info.engines) && typeof info.engines?.node === "string")
      .filter(([, info]) => !semver.satisfies(lowest, (info.engines as { node: string }).node))
      .map(([name, info]) => `${name} needs Node.js ${(info.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });

  it("include the Node.js this machine runs", () => {
    expect(semver.satisfies(process.version, declared)).toBe(true);
  });
});
