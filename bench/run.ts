import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import { describeResult, type BenchResult } from "./types";

/** Every benchmark suite; each measures ours and its peer side by side in this one run. */
const SUITES: Record<string, () => Promise<{ run(): Promise<BenchResult[]> }>> = {
  "local formulas": () => import("./local.bench"),
  "service publish": () => import("./service/publish.bench"),
  "service query": () => import("./service/query.bench"),
  "service explain": () => import("./service/explain.bench"),
  "service http": () => import("./service/http.bench"),
  "client wave": () => import("./client/wave.bench"),
  "task pane": () => import("./taskpane/load.bench"),
  "task pane bytes": () => import("./taskpane/wire.bench"),
  load: () => import("./service/load.bench"),
};

function markdown(all: Record<string, BenchResult[]>, when: string): string {
  const lines = [`# Benchmark results (${when})`, "", `Node ${process.version}, ${cpus().length} cores.`, ""];
  for (const [suite, results] of Object.entries(all)) {
    lines.push(`## ${suite}`, "", "| measure | value | unit | target | meets |", "|---|---|---|---|---|");
    for (const r of results) {
      const meets = r.pass === undefined ? "" : r.pass ? "yes" : "**no**";
      lines.push(`| ${r.name} | ${r.value} | ${r.unit} | ${r.target ?? ""} | ${meets} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const all: Record<string, BenchResult[]> = {};
  for (const [suite, load] of Object.entries(SUITES)) {
    if (only.length > 0 && !only.some((word) => suite.includes(word))) continue;
    console.log(`\n== ${suite}`);
    const results = await (await load()).run();
    all[suite] = results;
    for (const r of results) console.log(describeResult(r));
  }
  const dir = path.resolve(__dirname, "results");
  mkdirSync(dir, { recursive: true });
  const when = new Date().toISOString();
  writeFileSync(
    path.join(dir, "latest.json"),
    JSON.stringify({ when, node: process.version, results: all }, null, 2) + "\n",
  );
  writeFileSync(path.join(dir, "latest.md"), markdown(all, when) + "\n");
  console.log(`\nwritten: ${path.relative(process.cwd(), path.join(dir, "latest.json"))}, latest.md`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
