"use strict";
// The online check of a manifest: `office-addin-manifest validate`, which sends the manifest to the
// Office validation service. It either gives that service's verdict or says why there is none (the
// service cannot be reached, does not answer in time, or answers with an error), so that the caller
// can fall back to the offline check.
const { spawnSync } = require("child_process");
const { parseNumber } = require("office-addin-cli");

const TIMEOUT_VARIABLE = "ITFM_MANIFEST_SERVICE_SECONDS";
const DEFAULT_TIMEOUT_SECONDS = 30;

function timeoutSeconds(env) {
  const seconds = parseNumber(env[TIMEOUT_VARIABLE], `${TIMEOUT_VARIABLE} must be a number of seconds`);
  if (seconds === undefined) return DEFAULT_TIMEOUT_SECONDS;
  if (!(seconds > 0)) throw new Error(`${TIMEOUT_VARIABLE} must be more than 0`);
  return seconds;
}

function cliPath() {
  try {
    return require.resolve("office-addin-manifest/cli.js");
  } catch {
    return undefined;
  }
}

const firstLine = (text) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line !== "") ?? "";

/**
 * Runs `office-addin-manifest validate <file>`.
 * @returns {{ verdict: "valid" | "invalid", output: string } | { verdict: "none", reason: string }}
 */
function validateWithOffice(file, env = process.env) {
  const cli = cliPath();
  if (cli === undefined) return { verdict: "none", reason: "office-addin-manifest is not installed" };
  const seconds = timeoutSeconds(env);
  const result = spawnSync(process.execPath, [cli, "validate", file], {
    encoding: "utf8",
    env,
    stdio: ["ignore", "pipe", "pipe"],
    timeout: seconds * 1000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error && result.error.code === "ETIMEDOUT") {
    return { verdict: "none", reason: `the Office validation service did not answer in ${seconds} s` };
  }
  if (result.error) return { verdict: "none", reason: result.error.message };
  const output = `${result.stdout}${result.stderr}`.trim();
  if (/Unable to contact the manifest validation service/.test(output)) {
    return { verdict: "none", reason: "the Office validation service cannot be reached" };
  }
  const answered = /Unable to validate the manifest\.\s*(\d+)/.exec(output);
  if (answered) {
    return { verdict: "none", reason: `the Office validation service answered HTTP ${answered[1]}` };
  }
  if (result.status === 0 && /The manifest is valid/.test(output)) return { verdict: "valid", output };
  if (/The manifest is not valid/.test(output)) return { verdict: "invalid", output };
  return { verdict: "none", reason: `office-addin-manifest failed: ${firstLine(output)}` };
}

module.exports = { validateWithOffice, TIMEOUT_VARIABLE };
