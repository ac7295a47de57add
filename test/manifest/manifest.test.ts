import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

type ManifestTools = typeof import("../../scripts/manifest-tools");

const repoRoot = path.resolve(__dirname, "../..");
const { DEV_BASE_URL, XMLLINT_MISSING, withBaseUrl, checkManifest } = jest.requireActual<ManifestTools>(
  "../../scripts/manifest-tools",
);
const manifest = fs.readFileSync(path.join(repoRoot, "manifest.xml"), "utf8");

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** Applies one edit to the real manifest; fails when the text to edit is not there exactly once. */
function edited(find: string | RegExp, replacement: string, xml = manifest): string {
  const count =
    typeof find === "string" ? occurrences(xml, find) : (xml.match(new RegExp(find, "g")) ?? []).length;
  if (count !== 1) throw new Error(`expected one match of ${String(find)} in the manifest, found ${count}`);
  return xml.replace(find, replacement);
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("manifest.xml", () => {
  test("passes the Office schema and the structural checks", () => {
    expect(checkManifest(manifest)).toEqual([]);
  });

  test("every icon it names exists in assets/ as a PNG of the named size", () => {
    const iconUrls = [...manifest.matchAll(/https:\/\/localhost:3000\/assets\/icon-(\d+)\.png/g)];
    expect(new Set(iconUrls.map((match) => match[1]))).toEqual(new Set(["16", "32", "64", "80"]));
    for (const size of [16, 32, 64, 80, 128]) {
      const file = path.join(repoRoot, "assets", `icon-${size}.png`);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
  });
});

describe("withBaseUrl", () => {
  test("replaces every development URL and the result still passes", () => {
    const production = withBaseUrl(manifest, "https://itfm.example.com/");
    expect(production).not.toMatch(/localhost/);
    expect(occurrences(production, "https://itfm.example.com")).toBe(occurrences(manifest, DEV_BASE_URL));
    expect(production).toContain('DefaultValue="https://itfm.example.com/taskpane.html"');
    expect(production).toContain("<AppDomain>https://itfm.example.com</AppDomain>");
    expect(checkManifest(production)).toEqual([]);
  });

  test("keeps a path prefix without doubled or trailing slashes", () => {
    const production = withBaseUrl(manifest, "https://Finance.Example.org/itfm//");
    expect(production).toContain('DefaultValue="https://finance.example.org/itfm/functions.js"');
    expect(production).not.toMatch(/itfm\/\//);
  });

  test.each([
    ["http://itfm.example.com", /must use https/],
    ["itfm.example.com", /not a valid URL/],
    ["https://itfm.example.com/?tenant=1", /query/],
    ["https://user:secret@itfm.example.com", /credentials/],
  ])("rejects the base URL %s", (baseUrl, message) => {
    expect(() => withBaseUrl(manifest, baseUrl)).toThrow(message);
  });

  test("refuses a manifest that has no development URL left to replace", () => {
    const production = withBaseUrl(manifest, "https://itfm.example.com");
    expect(() => withBaseUrl(production, "https://other.example.com")).toThrow(/no https:\/\/localhost:3000/);
  });
});

interface BrokenManifest {
  name: string;
  xml: () => string;
  problem: RegExp;
  /** Structural faults pass the parser and the schema: only our own rules catch them. */
  caughtBy: "parser" | "schema" | "structure";
}

const brokenManifests: BrokenManifest[] = [
  {
    name: "CustomFunctions Page before Script",
    xml: () => edited(/(<Script>[\s\S]*?<\/Script>)(\s*)(<Page>[\s\S]*?<\/Page>)/, "$3$2$1"),
    problem:
      /^schema: line \d+: .*'\{[^}]+\}Page': This element is not expected\. Expected is \( \{[^}]+\}Script \)/,
    caughtBy: "schema",
  },
  {
    name: "label resid with no resource",
    xml: () => edited('<Label resid="Group.Label"/>', '<Label resid="Group.Caption"/>'),
    problem: /^resid "Group\.Caption" of <Label> is not defined in Resources\/bt:ShortStrings$/,
    caughtBy: "structure",
  },
  {
    name: "icon resid defined among the URLs",
    xml: () => edited(/(<Group[\s\S]*?<bt:Image size="80" resid=")Icon\.80x80"/, '$1Help.Url"'),
    problem:
      /^resid "Help\.Url" of <Image> is not defined in Resources\/bt:Images \(it is defined in bt:Urls\)$/,
    caughtBy: "structure",
  },
  {
    name: "resource defined twice",
    xml: () =>
      edited(
        '<bt:Url id="Help.Url" DefaultValue="https://localhost:3000/help.html"/>',
        '<bt:Url id="Help.Url" DefaultValue="https://localhost:3000/help.html"/><bt:Url id="Help.Url" DefaultValue="https://localhost:3000/faq.html"/>',
      ),
    problem: /^resource id "Help\.Url" is defined more than once in bt:Urls$/,
    caughtBy: "structure",
  },
  {
    name: "CustomFunctions Page outside the shared runtime",
    xml: () => edited(/(<Page>\s*<SourceLocation resid=")Taskpane\.Url"/, '$1Help.Url"'),
    problem: /^CustomFunctions Page resid "Help\.Url" differs from the shared runtime resid "Taskpane\.Url"$/,
    caughtBy: "structure",
  },
  {
    name: "runtime on another page than the task pane",
    xml: () => edited('<Runtime resid="Taskpane.Url"', '<Runtime resid="Help.Url"'),
    problem:
      /^ShowTaskpane SourceLocation resid "Taskpane\.Url" differs from the shared runtime resid "Help\.Url"$/,
    caughtBy: "structure",
  },
  {
    name: "short-lived runtime",
    xml: () => edited('lifetime="long"', 'lifetime="short"'),
    problem: /^Runtime "Taskpane\.Url" needs lifetime="long"/,
    caughtBy: "structure",
  },
  {
    name: "functions script over http",
    xml: () => edited('"https://localhost:3000/functions.js"', '"http://localhost:3000/functions.js"'),
    problem: /^Url "http:\/\/localhost:3000\/functions\.js" is not an https URL$/,
    caughtBy: "structure",
  },
  {
    name: "app domain over http",
    xml: () =>
      edited("<AppDomain>https://localhost:3000</AppDomain>", "<AppDomain>http://localhost:3000</AppDomain>"),
    problem: /^AppDomain "http:\/\/localhost:3000" is not an https URL$/,
    caughtBy: "structure",
  },
  {
    name: "functions in another namespace",
    xml: () =>
      edited(
        '<bt:String id="Functions.Namespace" DefaultValue="ITFM"/>',
        '<bt:String id="Functions.Namespace" DefaultValue="COST"/>',
      ),
    problem: /^custom functions namespace is "COST", expected "ITFM"$/,
    caughtBy: "structure",
  },
  {
    name: "mismatched closing tag",
    xml: () => edited("</Permissions>", "</Permission>"),
    problem: /^not well-formed XML: line \d+: parser error : Opening and ending tag mismatch: Permissions/,
    caughtBy: "parser",
  },
  {
    name: "SharedRuntime requirement missing",
    xml: () =>
      edited('<Set Name="SharedRuntime" MinVersion="1.1"/>', '<Set Name="ExcelApi" MinVersion="1.1"/>'),
    problem: /^Requirements lack the SharedRuntime set/,
    caughtBy: "structure",
  },
];

describe("checkManifest on broken manifests", () => {
  const stage = (problem: string) =>
    problem.startsWith("not well-formed XML: ")
      ? "parser"
      : problem.startsWith("schema: ")
        ? "schema"
        : "structure";

  test.each(brokenManifests)("$name", ({ xml, problem, caughtBy }) => {
    const problems = checkManifest(xml());
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
    expect(new Set(problems.map(stage))).toEqual(new Set([caughtBy]));
  });
});

describe("checkManifest environment", () => {
  test("names the missing schema folder", () => {
    const schemaDir = path.join(os.tmpdir(), "no-office-manifest-schemas");
    expect(checkManifest(manifest, { schemaDir })).toEqual([
      `schema not found: ${path.join(schemaDir, "OfficeAppManifestV1_1.xsd")} (set ITFM_MANIFEST_SCHEMAS to the office-manifest schema folder)`,
    ]);
  });

  test("takes the schema folder from ITFM_MANIFEST_SCHEMAS", () => {
    const saved = process.env.ITFM_MANIFEST_SCHEMAS;
    process.env.ITFM_MANIFEST_SCHEMAS = path.join(os.tmpdir(), "elsewhere-office-manifest-schemas");
    try {
      expect(checkManifest(manifest)).toEqual([
        expect.stringContaining(`schema not found: ${process.env.ITFM_MANIFEST_SCHEMAS}`),
      ]);
    } finally {
      if (saved === undefined) delete process.env.ITFM_MANIFEST_SCHEMAS;
      else process.env.ITFM_MANIFEST_SCHEMAS = saved;
    }
  });

  test("says how to install xmllint when it is not on the PATH", () => {
    const savedPath = process.env.PATH;
    const emptyFolder = fs.mkdtempSync(path.join(os.tmpdir(), "itfm-empty-path-"));
    process.env.PATH = emptyFolder;
    try {
      expect(checkManifest(manifest)).toEqual([XMLLINT_MISSING]);
    } finally {
      process.env.PATH = savedPath;
      fs.rmdirSync(emptyFolder);
    }
  });
});

describe("validate-manifest CLI", () => {
  const script = path.join(repoRoot, "scripts", "validate-manifest.js");
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [script, ...args], { cwd: repoRoot, encoding: "utf8" });

  test("reports the real manifest valid", () => {
    const result = run("manifest.xml", "--offline");
    expect(result.stdout).toBe(
      "manifest.xml: office-addin-manifest validate skipped (--offline)\n" +
        "manifest.xml: valid (offline check: schema + structural checks)\n",
    );
    expect(result.status).toBe(0);
  });

  test("checks the manifest as deployed at a base URL", () => {
    const result = run("manifest.xml", "--offline", "--base-url", "https://itfm.example.com");
    expect(result.stdout).toBe(
      "manifest.xml at https://itfm.example.com: office-addin-manifest validate skipped (--offline)\n" +
        "manifest.xml at https://itfm.example.com: valid (offline check: schema + structural checks)\n",
    );
    expect(result.status).toBe(0);
  });

  test("prints each problem and exits 1", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "itfm-manifest-"));
    const file = path.join(folder, "manifest.xml");
    const namespace = '<bt:String id="Functions.Namespace" DefaultValue="ITFM"/>';
    const shortLived = edited('lifetime="long"', 'lifetime="short"');
    fs.writeFileSync(file, edited(namespace, namespace.replace("ITFM", "COST"), shortLived));
    try {
      const result = run(file, "--offline");
      expect(result.stderr.trim().split("\n")).toEqual([
        `${file}: Runtime "Taskpane.Url" needs lifetime="long" to stay loaded for functions and task pane`,
        `${file}: custom functions namespace is "COST", expected "ITFM"`,
      ]);
      expect(result.status).toBe(1);
    } finally {
      fs.rmSync(folder, { recursive: true });
    }
  });

  test("exits 2 on a base URL that is not https", () => {
    const result = run("manifest.xml", "--base-url", "http://itfm.example.com");
    expect(result.stderr).toMatch(/must use https/);
    expect(result.status).toBe(2);
  });
});
