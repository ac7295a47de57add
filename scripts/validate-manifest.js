"use strict";
// Usage: node scripts/validate-manifest.js [manifest.xml] [--base-url https://host[/path]] [--offline]
// Validates with `office-addin-manifest validate` (the Office validation service) when that service
// can be reached, and always with the offline check (schema + structural rules no service knows of);
// prints which ran. --offline skips the service; with --base-url, checks the manifest as deployed
// there. Exit status: 0 valid, 1 problems found, 2 usage or input error.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { checkManifest, withBaseUrl } = require("./manifest-tools");
const { validateWithOffice } = require("./office-validation");

const USAGE =
  "usage: node scripts/validate-manifest.js [manifest.xml] [--base-url https://host[/path]] [--offline]";

function parseArguments(args) {
  const files = [];
  let baseUrl;
  let offline = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === "--base-url") {
      baseUrl = args[index + 1];
      index += 1;
      if (baseUrl === undefined) throw new Error("--base-url needs a value");
    } else if (arg.startsWith("--base-url=")) {
      baseUrl = arg.slice("--base-url=".length);
    } else if (arg === "--offline") {
      offline = true;
    } else if (arg.startsWith("-")) {
      throw new Error(`unknown option ${arg}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length > 1) throw new Error("give one manifest file");
  return { file: files[0] ?? "manifest.xml", baseUrl, offline };
}

/** The online check of this text: on the file itself, or on a copy when it was rewritten. */
function onlineCheck(file, xml, rewritten) {
  if (!rewritten) return validateWithOffice(file);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "itfm-manifest-"));
  try {
    const copy = path.join(dir, path.basename(file));
    fs.writeFileSync(copy, xml);
    return validateWithOffice(copy);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main(args) {
  let file;
  let xml;
  let baseUrl;
  let offline;
  try {
    ({ file, baseUrl, offline } = parseArguments(args));
    xml = fs.readFileSync(file, "utf8");
    if (baseUrl !== undefined) xml = withBaseUrl(xml, baseUrl);
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const subject = baseUrl === undefined ? file : `${file} at ${baseUrl}`;
  let valid = true;
  if (offline) {
    console.log(`${subject}: office-addin-manifest validate skipped (--offline)`);
  } else {
    const online = onlineCheck(file, xml, baseUrl !== undefined);
    if (online.verdict === "none") {
      console.log(`${subject}: office-addin-manifest validate did not run: ${online.reason}`);
      console.log(`${subject}: falling back to the offline check`);
    } else {
      const print = online.verdict === "valid" ? console.log : console.error;
      print(online.output);
      print(`${subject}: ${online.verdict} (office-addin-manifest validate, the Office validation service)`);
      valid = online.verdict === "valid";
    }
  }
  const problems = checkManifest(xml);
  for (const problem of problems) console.error(`${subject}: ${problem}`);
  if (problems.length === 0) console.log(`${subject}: valid (offline check: schema + structural checks)`);
  return valid && problems.length === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
