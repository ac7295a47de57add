"use strict";
// Usage: node scripts/validate-manifest.js manifest.xml [--base-url https://host[/path]]
// Checks the manifest offline (schema + structural rules); with --base-url, checks the manifest as
// deployed there. Exit status: 0 valid, 1 problems found, 2 usage or input error.
const fs = require("fs");
const { checkManifest, withBaseUrl } = require("./manifest-tools");

const USAGE = "usage: node scripts/validate-manifest.js <manifest.xml> [--base-url https://host[/path]]";

function parseArguments(args) {
  const files = [];
  let baseUrl;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === "--base-url") {
      baseUrl = args[index + 1];
      index += 1;
      if (baseUrl === undefined) throw new Error("--base-url needs a value");
    } else if (arg.startsWith("--base-url=")) {
      baseUrl = arg.slice("--base-url=".length);
    } else if (arg.startsWith("-")) {
      throw new Error(`unknown option ${arg}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) throw new Error("give exactly one manifest file");
  return { file: files[0], baseUrl };
}

function main(args) {
  let file;
  let xml;
  let baseUrl;
  try {
    ({ file, baseUrl } = parseArguments(args));
    xml = fs.readFileSync(file, "utf8");
    if (baseUrl !== undefined) xml = withBaseUrl(xml, baseUrl);
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const subject = baseUrl === undefined ? file : `${file} at ${baseUrl}`;
  const problems = checkManifest(xml);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`${subject}: ${problem}`);
    return 1;
  }
  console.log(`${subject}: valid (schema + structural checks)`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
