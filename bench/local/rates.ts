/**
 * IRR, MIRR, NPV, XIRR and XNPV of 30 flows: ours (the engine functions the formulas call, on
 * workbook numbers) against @formulajs/formulajs and against HyperFormula recalculating the
 * native formula after an edit of its first flow, each agreeing within DESIGN.md's tolerances.
 */
import * as formulajs from "@formulajs/formulajs";
import { HyperFormula } from "hyperformula";
import { xirrOfNumbers, xnpvOfNumbers } from "../../src/engine/dated-flows-float";
import { irrOfNumbers, mirrOfNumbers, npvOfNumbers } from "../../src/engine/tvm-float";
import { type BenchResult, medianMs, round } from "../types";
import { lcg } from "./inputs";

const FLOWS = 30;
const RATE = 0.08;
const REINVEST = 0.1;
/** Excel's date serial of 2027-01-01, then a flow about every month. */
const FIRST_DATE = 46388;

interface RateCase {
  fn: string;
  /** The formula over A1:AD1 (flows) and A2:AD2 (dates). */
  formula: string;
  ours: (flows: number[], dates: number[]) => number;
  formulajs: (flows: number[], dates: number[]) => number;
  isRate: boolean;
}

const CASES: RateCase[] = [
  {
    fn: "NPV",
    formula: `=NPV(${RATE},A1:AD1)`,
    ours: (flows) => npvOfNumbers(RATE, flows),
    formulajs: (flows) => formulajs.NPV(RATE, ...flows) as number,
    isRate: false,
  },
  {
    fn: "IRR",
    formula: "=IRR(A1:AD1)",
    ours: (flows) => irrOfNumbers(flows),
    formulajs: (flows) => formulajs.IRR(flows) as number,
    isRate: true,
  },
  {
    fn: "MIRR",
    formula: `=MIRR(A1:AD1,${RATE},${REINVEST})`,
    ours: (flows) => mirrOfNumbers(flows, RATE, REINVEST),
    formulajs: (flows) => formulajs.MIRR(flows, RATE, REINVEST) as number,
    isRate: true,
  },
  {
    fn: "XNPV",
    formula: `=XNPV(${RATE},A1:AD1,A2:AD2)`,
    ours: (flows, dates) => xnpvOfNumbers(RATE, flows, dates),
    formulajs: (flows, dates) => formulajs.XNPV(RATE, flows, dates) as number,
    isRate: false,
  },
  {
    fn: "XIRR",
    formula: "=XIRR(A1:AD1,A2:AD2)",
    ours: (flows, dates) => xirrOfNumbers(flows, dates),
    formulajs: (flows, dates) => formulajs.XIRR(flows, dates) as number,
    isRate: true,
  },
];

/** A business case: an outlay, then 29 monthly returns. */
function businessCase(): { flows: number[]; dates: number[] } {
  const random = lcg(7);
  const flows = [
    -1_000_000,
    ...Array.from({ length: FLOWS - 1 }, () => Math.round(40_000 + random() * 80_000)),
  ];
  const dates = flows.map((_, t) => FIRST_DATE + Math.round(t * 30.4 + random() * 3));
  return { flows, dates };
}

export function ratesBench(): BenchResult[] {
  const { flows, dates } = businessCase();
  const results: BenchResult[] = [];
  for (const c of CASES) {
    const hf = HyperFormula.buildFromArray([flows, dates, [c.formula]], { licenseKey: "gpl-v3" });
    // Every call sees a changed first flow, as a recalculation after an edit does.
    const edited = [flows[0], flows[0] - 1000];
    let turn = 0;
    const next = () => edited[turn++ % 2];
    const timed = {
      ours: () => {
        flows[0] = next();
        return c.ours(flows, dates);
      },
      formulajs: () => {
        flows[0] = next();
        return c.formulajs(flows, dates);
      },
      hyperformula: () => {
        hf.setCellContents({ sheet: 0, row: 0, col: 0 }, next());
        return Number(hf.getCellValue({ sheet: 0, row: 2, col: 0 }));
      },
    };
    const oursMs = medianMs(2000, timed.ours);
    for (const peer of ["formulajs", "hyperformula"] as const) {
      const peerMs = medianMs(2000, timed[peer]);
      flows[0] = edited[0];
      hf.setCellContents({ sheet: 0, row: 0, col: 0 }, edited[0]);
      const value = c.ours(flows, dates);
      const theirs =
        peer === "formulajs"
          ? c.formulajs(flows, dates)
          : Number(hf.getCellValue({ sheet: 0, row: 2, col: 0 }));
      const diff = Math.abs(value - theirs);
      const tolerance = c.isRate ? 1e-7 : Math.max(1e-6, 1e-9 * Math.abs(value));
      const ratio = oursMs / peerMs;
      const peerName = peer === "formulajs" ? "@formulajs/formulajs" : "HyperFormula";
      results.push({
        name: `${c.fn} of ${FLOWS} flows vs ${peerName}`,
        metric: "time ratio (ours / peer); agreement",
        value: round(ratio),
        unit: `× (ours ${round(oursMs * 1000)} µs, peer ${round(peerMs * 1000)} µs; |Δ| = ${diff.toExponential(2)})`,
        peer,
        ratio: round(ratio),
        target: `≤ 1.0× and agree within ${c.isRate ? "1e-7" : "max(1e-6, 1e-9 × |value|)"}`,
        pass: ratio <= 1 && diff <= tolerance,
      });
    }
    hf.destroy();
  }
  return results;
}
