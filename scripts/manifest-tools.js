"use strict";
// Offline checks of the Office add-in manifest: schema validation and structural rules no schema
// expresses, both through xmllint (libxml2), plus the rewrite of the base URL every add-in URL starts
// with (the build writes it for ADDIN_BASE_URL; the service rewrites it for the origin it serves).
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { URL } = require("url");

const DEV_BASE_URL = "https://localhost:3000";
const XMLLINT_MISSING = "xmllint not found: apt-get install libxml2-utils";
const SCHEMA_FILE = "OfficeAppManifestV1_1.xsd";
const FUNCTIONS_NAMESPACE = "ITFM";

function defaultSchemaDir() {
  return process.env.ITFM_MANIFEST_SCHEMAS || path.resolve(__dirname, "../../shared/schemas/office-manifest");
}

// ---------------------------------------------------------------- base URL

function normaliseBaseUrl(baseUrl) {
  let url;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`base URL "${baseUrl}" is not a valid URL`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`base URL "${baseUrl}" must use https: Office loads add-in pages only over https`);
  }
  if (url.username || url.password || url.search || url.hash || /[?#]/.test(baseUrl)) {
    throw new Error(`base URL "${baseUrl}" must not carry credentials, a query or a fragment`);
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

function escapeXml(text) {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Replaces every `from` (the development base URL unless told) with the normalised base URL. */
function withBaseUrl(xml, baseUrl, from = DEV_BASE_URL) {
  const base = normaliseBaseUrl(baseUrl);
  const current = escapeXml(from);
  if (!xml.includes(current)) {
    throw new Error(`the manifest contains no ${from} to replace`);
  }
  return xml.split(current).join(escapeXml(base));
}

/** The base URL a manifest was written for: its first AppDomain (withBaseUrl rewrites it too). */
function manifestBaseUrl(xml) {
  const match = /<AppDomain>\s*([^<]*?)\s*<\/AppDomain>/.exec(xml);
  return match === null ? undefined : unescapeXml(match[1]);
}

// ---------------------------------------------------------------- xmllint

// Both spawns pass env explicitly so xmllint is looked up on the PATH of process.env as it is now.
function runXmllint(args, xml) {
  const result = spawnSync("xmllint", ["--nonet", ...args, "-"], {
    input: xml,
    encoding: "utf8",
    env: process.env,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return result;
}

function xmllintAvailable() {
  const result = spawnSync("xmllint", ["--version"], { encoding: "utf8", env: process.env });
  if (result.error && result.error.code === "ENOENT") return false;
  if (result.error) throw result.error;
  return true;
}

// xmllint reports "<file>:<line>: <message>" followed by source excerpts; keep the messages only.
function diagnostics(result) {
  const messages = result.stderr
    .split("\n")
    .map((line) => /^(.*?):(\d+): (.*)$/.exec(line))
    .filter((match) => match !== null)
    .map(([, file, line, message]) => `${file === "-" ? "" : `${file} `}line ${line}: ${message}`);
  const compileFailures = result.stderr.split("\n").filter((line) => line.startsWith("WXS schema"));
  const all = [...messages, ...compileFailures];
  return all.length > 0 ? all : [`xmllint exited with status ${result.status}: ${result.stderr.trim()}`];
}

function wellFormednessProblems(xml) {
  const result = runXmllint(["--noout"], xml);
  return result.status === 0 ? [] : diagnostics(result).map((message) => `not well-formed XML: ${message}`);
}

function schemaProblems(xml, schemaDir) {
  const schemaFile = path.join(schemaDir, SCHEMA_FILE);
  if (!fs.existsSync(schemaFile)) {
    return [
      `schema not found: ${schemaFile} (set ITFM_MANIFEST_SCHEMAS to the office-manifest schema folder)`,
    ];
  }
  const result = runXmllint(["--noout", "--schema", schemaFile], xml);
  return result.status === 0 ? [] : diagnostics(result).map((message) => `schema: ${message}`);
}

function unescapeXml(text) {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|quot|apos|lt|gt|amp);/g, (_, entity) => {
    if (entity[0] === "#") {
      return String.fromCodePoint(
        entity[1] === "x" ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)),
      );
    }
    return { quot: '"', apos: "'", lt: "<", gt: ">", amp: "&" }[entity];
  });
}

const XPATH_EMPTY_SET = 10;

// Values of the attribute or text nodes an XPath selects, one per node, in document order.
function nodeValues(xml, expression) {
  const result = runXmllint(["--xpath", expression], xml);
  if (result.status === XPATH_EMPTY_SET) return [];
  if (result.status !== 0) {
    throw new Error(`xmllint could not evaluate ${expression}: ${result.stderr.trim()}`);
  }
  return result.stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const attribute = /^ [^\s=]+="(.*)"$/.exec(line);
      return unescapeXml(attribute ? attribute[1] : line.trim());
    });
}

function xpathLiteral(text) {
  if (!text.includes("'")) return `'${text}'`;
  if (!text.includes('"')) return `"${text}"`;
  return `concat('${text.split("'").join(`', "'", '`)}')`;
}

// Namespace-agnostic step: the schema check already pins every element to its namespace.
const el = (name) => `*[local-name()='${name}']`;

// ---------------------------------------------------------------- structural rules

const RESOURCE_ENTRY = { Images: "Image", Urls: "Url", ShortStrings: "String", LongStrings: "String" };

const RESOURCE_KIND_OF_REFERENCE = {
  Image: "Images",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Namespace: "ShortStrings",
  Description: "LongStrings",
  Runtime: "Urls",
  Override: "Urls",
  SourceLocation: "Urls",
  FunctionFile: "Urls",
  LearnMoreUrl: "Urls",
};

function resourceIdProblems(query) {
  const problems = [];
  const defined = {};
  for (const [kind, entry] of Object.entries(RESOURCE_ENTRY)) {
    const ids = query(`//${el("Resources")}/${el(kind)}/${el(entry)}/@id`);
    const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
    problems.push(...duplicates.map((id) => `resource id "${id}" is defined more than once in bt:${kind}`));
    defined[kind] = new Set(ids);
  }
  for (const [element, kind] of Object.entries(RESOURCE_KIND_OF_REFERENCE)) {
    for (const resid of query(`//${el(element)}/@resid`)) {
      if (defined[kind].has(resid)) continue;
      const elsewhere = Object.keys(defined).filter((other) => defined[other].has(resid));
      const hint = elsewhere.length > 0 ? ` (it is defined in bt:${elsewhere.join(", bt:")})` : "";
      problems.push(`resid "${resid}" of <${element}> is not defined in Resources/bt:${kind}${hint}`);
    }
  }
  const known = Object.keys(RESOURCE_KIND_OF_REFERENCE).map((name) => `local-name()='${name}'`);
  for (const resid of query(`//*[@resid][not(${known.join(" or ")})]/@resid`)) {
    problems.push(`resid "${resid}" is used by an element whose resource kind is unknown`);
  }
  return problems;
}

const RUNTIME_RESID_USERS = [
  ["CustomFunctions Page", `//${el("Page")}/${el("SourceLocation")}/@resid`],
  ["FunctionFile", `//${el("FunctionFile")}/@resid`],
  [
    "ShowTaskpane SourceLocation",
    `//${el("Action")}[@*[local-name()='type']='ShowTaskpane']/${el("SourceLocation")}/@resid`,
  ],
];

function sharedRuntimeProblems(query) {
  const runtime = `//${el("Runtimes")}/${el("Runtime")}`;
  const resids = query(`${runtime}/@resid`);
  if (resids.length === 0) {
    return ["no shared runtime: the Workbook host in VersionOverrides needs Runtimes/Runtime"];
  }
  if (resids.length > 1) {
    return [`${resids.length} runtimes declared: functions and task pane must share exactly one`];
  }
  const [shared] = resids;
  const problems = [];
  if (query(`${runtime}/@lifetime`)[0] !== "long") {
    problems.push(`Runtime "${shared}" needs lifetime="long" to stay loaded for functions and task pane`);
  }
  for (const [user, expression] of RUNTIME_RESID_USERS) {
    for (const resid of query(expression)) {
      if (resid !== shared) {
        problems.push(`${user} resid "${resid}" differs from the shared runtime resid "${shared}"`);
      }
    }
  }
  return problems;
}

function namespaceProblems(query) {
  const resids = query(`//${el("ExtensionPoint")}/${el("Namespace")}/@resid`);
  if (resids.length === 0) {
    return [`CustomFunctions declares no Namespace (expected "${FUNCTIONS_NAMESPACE}")`];
  }
  const strings = `//${el("Resources")}/${el("ShortStrings")}/${el("String")}`;
  const [value] = query(`${strings}[@id=${xpathLiteral(resids[0])}]/@DefaultValue`);
  // An undefined resid is reported by resourceIdProblems.
  if (value === undefined || value === FUNCTIONS_NAMESPACE) return [];
  return [`custom functions namespace is "${value}", expected "${FUNCTIONS_NAMESPACE}"`];
}

const URL_SETTINGS = ["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation", "Url", "Image"];

function isHttps(value) {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

function httpsProblems(query) {
  const urls = URL_SETTINGS.flatMap((setting) =>
    query(`//${el(setting)}/@DefaultValue | //${el(setting)}/${el("Override")}/@Value`).map((url) => [
      setting,
      url,
    ]),
  );
  urls.push(...query(`//${el("AppDomain")}/text()`).map((url) => ["AppDomain", url]));
  return urls
    .filter(([, url]) => !isHttps(url))
    .map(([setting, url]) => `${setting} "${url}" is not an https URL`);
}

function requirementProblems(query) {
  const sets = query(`//${el("Requirements")}/${el("Sets")}/${el("Set")}/@Name`);
  if (sets.includes("SharedRuntime")) return [];
  return ["Requirements lack the SharedRuntime set: functions and task pane could not share one runtime"];
}

const STRUCTURAL_RULES = [
  resourceIdProblems,
  sharedRuntimeProblems,
  namespaceProblems,
  httpsProblems,
  requirementProblems,
];

/**
 * Problems of a manifest, empty when it is valid: well-formedness, the Office schema, and the
 * structural rules above.
 * @param {string} xml
 * @param {{ schemaDir?: string }} [options]
 * @returns {string[]}
 */
function checkManifest(xml, { schemaDir = defaultSchemaDir() } = {}) {
  if (!xmllintAvailable()) return [XMLLINT_MISSING];
  const syntax = wellFormednessProblems(xml);
  if (syntax.length > 0) return syntax;
  const query = (expression) => nodeValues(xml, expression);
  const problems = [...schemaProblems(xml, schemaDir), ...STRUCTURAL_RULES.flatMap((rule) => rule(query))];
  return [...new Set(problems)];
}

module.exports = {
  DEV_BASE_URL,
  XMLLINT_MISSING,
  defaultSchemaDir,
  normaliseBaseUrl,
  withBaseUrl,
  manifestBaseUrl,
  checkManifest,
};
