import { explainCell, explainLines } from "../../src/server/explain";
import { answerQueries } from "../../src/server/query/answer";
import { type BenchResult, round, runAlone } from "../types";
import { benchDatabase, seconds, storeForBench } from "./bench-database";
import { generateModel } from "./generated-model";
import { p99 } from "./load-service";

const SIZE = { costLines: 100_000, consumers: 500 };
const TARGET_P99_MS = 50;

/**
 * Explaining a consumer's COST on the benchmark model (100,000 cost lines × 500 consumers): every
 * consumer of a month and of a quarter, after the first cell of each has loaded the version's run,
 * the months and their largest lines. Beside it, the same cell's value from the batch query.
 */
export async function run(): Promise<BenchResult[]> {
  const { db, dispose } = await benchDatabase();
  try {
    const doc = generateModel(SIZE);
    const { tenantId } = await storeForBench(db, doc);
    const consumers = doc.members
      .filter((m) => m.dimension === "consumer" && m.parent !== null)
      .map((m) => m.name);
    const request = { model: doc.model.name, version: doc.version.label, scenario: "Actual" };
    const results: BenchResult[] = [];
    for (const period of ["2026-06", "2026-Q2"]) {
      const cell = (member: string) => ({ kind: "cost", member, period });
      const loadStart = process.hrtime.bigint();
      await explainCell(db, tenantId, { ...request, query: cell(consumers[0]) });
      const loadSeconds = seconds(loadStart);
      const explained: number[] = [];
      const asked: number[] = [];
      for (const consumer of consumers) {
        const start = process.hrtime.bigint();
        const answer = await explainCell(db, tenantId, { ...request, query: cell(consumer) });
        explained.push(seconds(start) * 1000);
        if (answer.tree.amount !== answer.value) throw new Error(`${consumer}: the tree does not add up`);
        const queryStart = process.hrtime.bigint();
        await answerQueries(db, tenantId, { ...request, queries: [cell(consumer)] });
        asked.push(seconds(queryStart) * 1000);
      }
      const explainP99 = p99(explained);
      const queryP99 = p99(asked);
      results.push(
        {
          name: `explain a consumer's COST for ${period}, ${consumers.length} consumers, after the first (which took ${round(loadSeconds)} s)`,
          metric: "p99 latency",
          value: round(explainP99),
          unit: "ms",
          target: `<= ${TARGET_P99_MS} ms`,
          peer: "the same cell's value from the batch query",
          ratio: round(explainP99 / queryP99),
          pass: explainP99 <= TARGET_P99_MS,
        },
        {
          name: `the batch query of the same cells (${period})`,
          metric: "p99 latency",
          value: round(queryP99),
          unit: "ms",
        },
      );
    }
    // Every line behind a consumer's month, each with its part: a sample of the consumers, after the tree's.
    const sample = consumers.slice(0, 50);
    const listed: number[] = [];
    const trees: number[] = [];
    let lines = 0;
    for (const consumer of sample) {
      const query = { kind: "cost", member: consumer, period: "2026-06" };
      const start = process.hrtime.bigint();
      const answer = await explainLines(db, tenantId, { ...request, query });
      listed.push(seconds(start) * 1000);
      if (answer.total.part !== answer.value) throw new Error(`${consumer}: the lines do not add up`);
      lines = Math.max(lines, answer.total.lines);
      const treeStart = process.hrtime.bigint();
      await explainCell(db, tenantId, { ...request, query });
      trees.push(seconds(treeStart) * 1000);
    }
    results.push({
      name: `every cost line behind a consumer's COST for 2026-06, ${sample.length} consumers (up to ${lines.toLocaleString("en")} lines each)`,
      metric: "p99 latency",
      value: round(p99(listed)),
      unit: "ms",
      peer: "the explain tree of the same cell",
      ratio: round(p99(listed) / p99(trees)),
    });
    return results;
  } finally {
    await dispose();
  }
}

if (require.main === module) runAlone(run);
