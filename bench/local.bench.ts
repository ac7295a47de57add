import { execFileSync } from "node:child_process";
import path from "node:path";
import { loadFunctionsBundleInThisRealm } from "../test/support/functions-bundle";
import { ALLOCATE_AMOUNT, type DriverKind, FULL_COLUMN } from "./local/inputs";
import { ratesBench } from "./local/rates";
import { measureWave } from "./local/wave";
import { type BenchResult, round, runAlone } from "./types";

/**
 * Local formulas side by side with their peers in one run: ALLOCATE of a full column (one cold
 * call each, in a process of its own) against dinero.js and a float-naive function; IRR, MIRR,
 * NPV, XIRR and XNPV against @formulajs/formulajs and HyperFormula; a recalculation wave of a
 * business-case workbook against HyperFormula. Needs the built bundle (`npm run build`).
 */

type Contender = "ours" | "dinero" | "float-naive";
const RUNS: Record<Contender, number> = { ours: 5, "float-naive": 5, dinero: 3 };
const COLD_CALL = path.join(__dirname, "local", "allocate-cold.ts");

interface ColdCall {
  ms: number;
  checksum: number;
  totalCents: number;
}

function coldCall(contender: Contender, kind: DriverKind): ColdCall {
  const output = execFileSync(process.execPath, ["--import", "tsx", COLD_CALL, contender, kind], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(output.trim().split("\n").pop()!) as ColdCall;
}

function medianCall(contender: Contender, kind: DriverKind): ColdCall {
  const calls = Array.from({ length: RUNS[contender] }, () => coldCall(contender, kind));
  if (new Set(calls.map((c) => c.checksum)).size !== 1) {
    throw new Error(`${contender} gave different shares from one run to the next`);
  }
  return calls.sort((a, b) => a.ms - b.ms)[Math.floor(calls.length / 2)];
}

const KINDS: Record<DriverKind, string> = {
  hours: "whole CPU hours up to 100,000",
  decimals: "hours with 4 decimals",
};

function allocationBench(): BenchResult[] {
  const cents = Math.round(ALLOCATE_AMOUNT * 100);
  const results: BenchResult[] = [];
  for (const kind of ["hours", "decimals"] as const) {
    const ours = medianCall("ours", kind);
    const dinero = medianCall("dinero", kind);
    const naive = medianCall("float-naive", kind);
    if (ours.totalCents !== cents || dinero.totalCents !== cents) {
      throw new Error(`ALLOCATE bench (${kind}): the shares do not add up to the amount`);
    }
    const label = `ALLOCATE of ${FULL_COLUMN.toLocaleString("en-US")} drivers (${KINDS[kind]}), one cold call`;
    const calculator =
      kind === "hours" ? "number calculator" : "bigint calculator: numbers would lose precision";
    const vsDinero = dinero.ms / ours.ms;
    const vsFloat = ours.ms / naive.ms;
    results.push(
      { name: `${label}, built bundle`, metric: "time", value: round(ours.ms), unit: "ms" },
      { name: `${label}, dinero.js (${calculator})`, metric: "time", value: round(dinero.ms), unit: "ms" },
      {
        name: `${label}, float-naive`,
        metric: "time",
        value: round(naive.ms),
        unit: `ms (${naive.totalCents - cents} cents off the total)`,
      },
      {
        name: `${label}: speed-up over dinero.js`,
        metric: "ratio",
        value: round(vsDinero),
        unit: "×",
        peer: "dinero.js",
        ratio: round(vsDinero),
        target: "≥ 5×",
        pass: vsDinero >= 5,
      },
      {
        name: `${label}: time / float-naive time`,
        metric: "ratio",
        value: round(vsFloat),
        unit: "×",
        peer: "float-naive",
        ratio: round(vsFloat),
        target: "≤ 3×",
        pass: vsFloat <= 3,
      },
    );
  }
  return results;
}

function waveBench(): BenchResult[] {
  const { oursMs, hyperFormulaMs, worst } = measureWave(loadFunctionsBundleInThisRealm(), 5);
  const ratio = oursMs / hyperFormulaMs;
  const agrees = worst.amounts <= 1 && worst.rates <= 1;
  return [
    {
      name: "recalculation wave of 10,000 local formulas vs HyperFormula's native equivalents",
      metric: "time ratio (ours / peer); agreement",
      value: round(ratio),
      unit: `× (ours ${round(oursMs)} ms, HyperFormula ${round(hyperFormulaMs)} ms; largest difference ${round(worst.amounts)} of the amount tolerance, ${round(worst.rates)} of the rate tolerance)`,
      peer: "hyperformula",
      ratio: round(ratio),
      target: "≤ 1.0× and agree within DESIGN.md's tolerances",
      pass: ratio <= 1 && agrees,
    },
  ];
}

export async function run(): Promise<BenchResult[]> {
  return [...allocationBench(), ...ratesBench(), ...waveBench()];
}

if (require.main === module) runAlone(run);
