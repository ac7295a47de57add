import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const repoRoot = path.resolve(__dirname, "../..");
const scripts: Record<string, string> = JSON.parse(
  fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"),
).scripts;

function run(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: "utf8", timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the Office add-in tooling scripts", () => {
  test.each([
    ["sideload", "office-addin-debugging start manifest.xml desktop --app excel"],
    ["sideload:web", "office-addin-debugging start manifest.xml web --app excel"],
    ["stop-sideload", "office-addin-debugging stop manifest.xml"],
  ])("npm run %s runs %s", (script, command) => {
    expect(scripts[script]).toMatch(new RegExp(`^${command}( |$)`));
  });

  test("the sideload scripts start the service and wait for it on its port", () => {
    for (const script of ["sideload", "sideload:web"]) {
      expect(scripts[script]).toContain('--dev-server "npm start" --dev-server-port 3000');
    }
  });

  test.each([
    ["office-addin-debugging", ["start", "--help"], /start \[options\] <manifest-path> \[platform\]/],
    ["office-addin-debugging", ["stop", "--help"], /stop \[options\] <manifest-path>/],
    ["office-addin-manifest", ["validate", "--help"], /validate \[options\] <manifest-path>/],
  ])("%s %s is installed and answers", (tool, args, usage) => {
    const result = run(path.join(repoRoot, "node_modules", ".bin", tool), args);
    expect([result.status, result.stdout]).toEqual([0, expect.stringMatching(usage)]);
  });
});

/**
 * The Office validation service cannot be reached from these machines (docs: DESIGN.md's
 * environment facts), so `npm run validate` says so and falls back to the offline check.
 */
describe("npm run validate", () => {
  const fallback = [
    "office-addin-manifest validate did not run: the Office validation service cannot be reached",
    "falling back to the offline check",
  ];

  test("the project's manifest: office-addin-manifest cannot reach its service, the offline check passes", () => {
    const result = run("npm", ["run", "--silent", "validate"]);
    expect(result.stdout.trim().split("\n")).toEqual([
      `manifest.xml: ${fallback[0]}`,
      `manifest.xml: ${fallback[1]}`,
      "manifest.xml: valid (offline check: schema + structural checks)",
    ]);
    expect(result.status).toBe(0);
  });

  test("a broken manifest: the same fallback, the problem named, a non-zero exit", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "itfm-validate-"));
    try {
      const broken = path.join(dir, "manifest.xml");
      const xml = fs.readFileSync(path.join(repoRoot, "manifest.xml"), "utf8");
      fs.writeFileSync(broken, xml.replace('<Label resid="Group.Label"/>', '<Label resid="Group.Caption"/>'));
      const result = run("npm", ["run", "--silent", "validate", "--", broken]);
      expect(result.stdout).toContain(`${broken}: ${fallback[0]}`);
      expect(result.stdout).toContain(`${broken}: ${fallback[1]}`);
      expect(result.stderr).toContain(
        `${broken}: resid "Group.Caption" of <Label> is not defined in Resources/bt:ShortStrings`,
      );
      expect(result.status).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("--offline skips the service and says so", () => {
    const result = run("npm", ["run", "--silent", "validate", "--", "--offline"]);
    expect(result.stdout).toContain("manifest.xml: office-addin-manifest validate skipped (--offline)");
    expect(result.status).toBe(0);
  });
});
