/** Evaluates a parity case with the calculation engine. */
import { Decimal } from "../../src/engine/decimal";
import { db, ddb, sln, syd, vdb } from "../../src/engine/depreciation";
import { CalcError } from "../../src/engine/errors";
import { xirr, xnpv } from "../../src/engine/dated-flows";
import { roi } from "../../src/engine/roi";
import { runRate } from "../../src/engine/runrate";
import { tco } from "../../src/engine/tco";
import { irr, mirr, npv } from "../../src/engine/tvm";
import type { ParityInput } from "./cases";

const D = (x: string) => new Decimal(x);
const list = (xs: readonly string[]) => xs.map(D);
const optional = (x: string | undefined) => (x === undefined ? undefined : D(x));

/** The engine's value for the case; throws the engine's CalcError. */
export function evaluateWithEngine(input: ParityInput): Decimal {
  switch (input.fn) {
    case "NPV":
      return npv(D(input.rate), list(input.flows));
    case "IRR":
      return irr(list(input.flows), optional(input.guess));
    case "MIRR":
      return mirr(list(input.flows), D(input.financeRate), D(input.reinvestRate));
    case "XNPV":
      return xnpv(D(input.rate), list(input.flows), list(input.dates));
    case "XIRR":
      return xirr(list(input.flows), list(input.dates), optional(input.guess));
    case "SLN":
      return sln(D(input.cost), D(input.salvage), D(input.life));
    case "SYD":
      return syd(D(input.cost), D(input.salvage), D(input.life), D(input.period));
    case "DDB":
      return ddb(D(input.cost), D(input.salvage), D(input.life), D(input.period), optional(input.factor));
    case "DB":
      return db(D(input.cost), D(input.salvage), D(input.life), D(input.period), optional(input.month));
    case "VDB":
      return vdb(
        D(input.cost),
        D(input.salvage),
        D(input.life),
        D(input.start),
        D(input.end),
        optional(input.factor),
        input.noSwitch,
      );
    case "ROI":
      return roi(
        list(input.costs),
        list(input.benefits),
        D(input.rate),
        input.metric,
        optional(input.reinvestRate),
        input.dates && list(input.dates),
      );
    case "TCO":
      return tco(
        {
          upfront: D(input.upfront),
          recurring: typeof input.recurring === "string" ? D(input.recurring) : list(input.recurring),
          years: input.years,
          rate: D(input.rate),
          escalation: D(input.escalation),
          endOfLife: D(input.endOfLife),
        },
        input.metric,
      );
    case "RUNRATE":
      return runRate(list(input.actuals), input.periodsTotal, input.method);
  }
}

/** The engine's value, or the CalcError it ends in. */
export function engineOutcome(input: ParityInput): Decimal | CalcError {
  try {
    return evaluateWithEngine(input);
  } catch (error) {
    if (error instanceof CalcError) return error;
    throw error;
  }
}
