/**
 * One cold ALLOCATE of a full Excel column, in a process of its own so that no earlier call has
 * warmed the code: `tsx bench/local/allocate-cold.ts <contender> <drivers>` prints the call's time
 * in milliseconds and a checksum of the shares. Contenders: the built bundle's ALLOCATE as Excel
 * calls it, dinero.js (the number calculator, or the bigint one where numbers would lose
 * precision), and a float-naive custom function.
 */
import { allocate as dineroAllocate, dinero, toSnapshot, USD } from "dinero.js";
import {
  allocate as bigintAllocate,
  dinero as bigintDinero,
  toSnapshot as bigintSnapshot,
} from "dinero.js/bigint";
import { USD as BIGINT_USD } from "dinero.js/bigint/currencies";
import { loadFunctionsBundleInThisRealm } from "../../test/support/functions-bundle";
import { ALLOCATE_AMOUNT, driverColumn, type DriverKind } from "./inputs";

type Contender = "ours" | "dinero" | "float-naive";

/** What a custom function written with doubles does: one division per row, rounded to the cent. */
function floatNaiveAllocate(amount: number[][], drivers: number[][]): number[][] {
  let total = 0;
  for (const row of drivers) total += row[0];
  const shares = new Array<number[]>(drivers.length);
  for (let i = 0; i < drivers.length; i++) {
    shares[i] = [Math.round(((amount[0][0] * drivers[i][0]) / total) * 100) / 100];
  }
  return shares;
}

/**
 * dinero.js with whole-number ratios (its scaled ratios would return shares finer than the cent):
 * four-decimal drivers become ratios of ten-thousandths, as ALLOCATE weighs them.
 */
function dineroShares(kind: DriverKind, column: number[][]): number[] {
  const cents = Math.round(ALLOCATE_AMOUNT * 100);
  if (kind === "hours") {
    const ratios = column.map((row) => row[0]);
    return dineroAllocate(dinero({ amount: cents, currency: USD }), ratios).map((d) => toSnapshot(d).amount);
  }
  // Four-decimal ratios: amount × ratio passes 2^53, so the bigint calculator is the one that stays exact.
  const ratios = column.map((row) => BigInt(Math.round(row[0] * 10_000)));
  return bigintAllocate(bigintDinero({ amount: BigInt(cents), currency: BIGINT_USD }), ratios).map((d) =>
    Number(bigintSnapshot(d).amount),
  );
}

function main(): void {
  const [contender, kind] = process.argv.slice(2) as [Contender, DriverKind];
  const column = driverColumn(kind);
  let call: () => number[];
  if (contender === "ours") {
    const runtime = loadFunctionsBundleInThisRealm();
    const allocate = runtime.associated.get("ALLOCATE") as (
      amount: number[][],
      drivers: number[][],
    ) => number[][];
    call = () => allocate([[ALLOCATE_AMOUNT]], column).map((row) => Math.round(row[0] * 100));
  } else if (contender === "dinero") {
    call = () => dineroShares(kind, column);
  } else {
    call = () => floatNaiveAllocate([[ALLOCATE_AMOUNT]], column).map((row) => Math.round(row[0] * 100));
  }
  const start = process.hrtime.bigint();
  const shares = call();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  let checksum = 0;
  for (const cents of shares) checksum = (checksum * 31 + cents) % 1_000_000_007;
  const totalCents = shares.reduce((a, b) => a + b, 0);
  console.log(JSON.stringify({ ms, checksum, totalCents }));
}

main();
