import * as formulajs from "@formulajs/formulajs";
import { HyperFormula } from "hyperformula";
import { allocate as dineroAllocate, dinero, toSnapshot, USD } from "dinero.js";
import { Decimal } from "../src/engine/decimal";
import { irr, npv } from "../src/engine/tvm";
import { allocateFormula } from "../src/functions/local";
import { installCustomFunctionsGlobal } from "../test/support/custom-functions-runtime";
import { medianMs, round, type BenchResult, runAlone } from "./types";

const FULL_COLUMN = 1_048_576;

/** A deterministic sequence (no Math.random, so every run allocates the same column). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function floatNaiveAllocate(amount: number, drivers: number[]): number[] {
  let total = 0;
  for (const d of drivers) total += d;
  return drivers.map((d) => Math.round(((amount * d) / total) * 100) / 100);
}

function allocationBench(): BenchResult[] {
  const random = lcg(42);
  const ratios = Array.from({ length: FULL_COLUMN }, () => 1 + Math.floor(random() * 1000));
  const amount = 1234567.89;
  const column = ratios.map((r) => [r]);
  const cents = Math.round(amount * 100);

  let ours: number[][] = [];
  const oursMs = medianMs(5, () => {
    ours = allocateFormula([[amount]], column);
  });
  let dineroShares: number[] = [];
  const dineroMs = medianMs(3, () => {
    dineroShares = dineroAllocate(dinero({ amount: cents, currency: USD }), ratios).map(
      (d) => toSnapshot(d).amount,
    );
  });
  let naive: number[] = [];
  const floatMs = medianMs(5, () => {
    naive = floatNaiveAllocate(amount, ratios);
  });

  const oursCents = ours.map((row) => Math.round(row[0] * 100));
  const oursExact = oursCents.reduce((a, b) => a + b, 0) === cents;
  const naiveCents = naive.reduce((a, b) => a + Math.round(b * 100), 0);
  const sameAsDinero = oursCents.every((c, i) => Math.abs(c - dineroShares[i]) <= 1);
  if (!oursExact || !sameAsDinero)
    throw new Error("ALLOCATE bench: results do not add up or disagree with dinero.js");

  const vsDinero = dineroMs / oursMs;
  const vsFloat = oursMs / floatMs;
  return [
    { name: "ALLOCATE 1,048,576 drivers", metric: "time", value: round(oursMs), unit: "ms" },
    { name: "dinero.js allocate, same ratios", metric: "time", value: round(dineroMs), unit: "ms" },
    { name: "float-naive allocation", metric: "time", value: round(floatMs), unit: "ms" },
    {
      name: "ALLOCATE speed-up over dinero.js",
      metric: "ratio",
      value: round(vsDinero),
      unit: "×",
      peer: "dinero.js",
      ratio: round(vsDinero),
      target: "≥ 5×",
      pass: vsDinero >= 5,
    },
    {
      name: "ALLOCATE time / float-naive time",
      metric: "ratio",
      value: round(vsFloat),
      unit: "×",
      peer: "float-naive",
      ratio: round(vsFloat),
      target: "≤ 5×",
      pass: vsFloat <= 5,
    },
    {
      name: "float-naive sum error",
      metric: "cents off the total",
      value: naiveCents - cents,
      unit: "cents",
    },
  ];
}

function tvmBench(): BenchResult[] {
  const random = lcg(7);
  const flows = [-1_000_000, ...Array.from({ length: 29 }, () => Math.round(40_000 + random() * 80_000))];
  const rate = 0.08;
  const decimals = flows.map((f) => new Decimal(f));
  const hf = HyperFormula.buildFromArray([flows.map((f) => f)], { licenseKey: "gpl-v3" });
  const columnName = (n: number) => {
    let s = "";
    for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
    return s;
  };
  const range = `A1:${columnName(30)}1`;
  const hfValue = (r: number) => Number(hf.getCellValue({ sheet: 0, row: r, col: 0 }));

  const results: BenchResult[] = [];
  const cases: {
    fn: string;
    ours: () => number;
    formulajs: () => number;
    hyperformula: () => number;
    /** DESIGN.md: amounts to max(1e-6, 1e-9 × |value|), rates to 1e-7. */
    within: (value: number) => number;
    tolerance: string;
  }[] = [
    {
      fn: "NPV",
      ours: () => npv(new Decimal(rate), decimals).toNumber(),
      formulajs: () => formulajs.NPV(rate, ...flows) as number,
      hyperformula: () => {
        hf.setCellContents({ sheet: 0, row: 1, col: 0 }, `=NPV(${rate},${range})`);
        return hfValue(1);
      },
      within: (value) => Math.max(1e-6, 1e-9 * Math.abs(value)),
      tolerance: "max(1e-6, 1e-9 × |value|)",
    },
    {
      fn: "IRR",
      ours: () => irr(decimals).toNumber(),
      formulajs: () => formulajs.IRR(flows) as number,
      hyperformula: () => {
        hf.setCellContents({ sheet: 0, row: 2, col: 0 }, `=IRR(${range})`);
        return hfValue(2);
      },
      within: () => 1e-7,
      tolerance: "1e-7",
    },
  ];
  for (const c of cases) {
    const values = { ours: c.ours(), formulajs: c.formulajs(), hyperformula: c.hyperformula() };
    const oursMs = medianMs(200, c.ours);
    for (const peer of ["formulajs", "hyperformula"] as const) {
      const peerMs = medianMs(200, c[peer]);
      const diff = Math.abs(values.ours - values[peer]);
      results.push({
        name: `${c.fn} of 30 flows vs ${peer === "formulajs" ? "@formulajs/formulajs" : "HyperFormula"}`,
        metric: "time ratio (ours / peer); agreement",
        value: round(oursMs / peerMs),
        unit: `× (ours ${round(oursMs * 1000)} µs, peer ${round(peerMs * 1000)} µs; |Δ| = ${diff.toExponential(2)})`,
        peer,
        ratio: round(oursMs / peerMs),
        target: `agree within ${c.tolerance}`,
        pass: diff <= c.within(values.ours),
      });
    }
  }
  return results;
}

export async function run(): Promise<BenchResult[]> {
  if (typeof CustomFunctions === "undefined") installCustomFunctionsGlobal();
  return [...allocationBench(), ...tvmBench()];
}

if (require.main === module) runAlone(run);
