import { CalcError } from "../errors";
import { type Fixed, floorDiv, pow10, roundUnitsHalfAway, sumUnits } from "../money";
import { allocateWideUnits, kthLargest } from "./wide-units";

/**
 * Allocation in whole units of 10^-decimals: the one rule behind ALLOCATE, the Decimal allocate()
 * and the service's allocation run. It is computed in plain numbers when every product stays below
 * 2^53 (exact by construction, and equal to the bigint path unit for unit), in bigint otherwise;
 * callers never choose.
 */
export type AllocationMethod = "largest" | "plug" | "none";

export const ALLOCATION_METHODS: readonly AllocationMethod[] = ["largest", "plug", "none"];

/** The methods that round each share to whole units ("none" keeps exact proportions). */
export type RoundingMethod = Exclude<AllocationMethod, "none">;

const ROUNDING_METHODS: readonly RoundingMethod[] = ["largest", "plug"];

export const MAX_DECIMALS = 10;

export function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) {
    throw new CalcError("num", `decimals must be a whole number from 0 to ${MAX_DECIMALS} (got ${decimals})`);
  }
}

export function checkMethod<M extends AllocationMethod>(method: M, methods: readonly M[]): void {
  if (!methods.includes(method)) {
    const names = methods.map((m) => `"${m}"`);
    const choices = `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
    throw new CalcError("value", `method must be ${choices} (got "${String(method)}")`);
  }
}

/** A driver quantity that is negative; `shown` is the quantity as the user wrote it. */
export function negativeDriver(what: string, shown: string): CalcError {
  return new CalcError("num", `${what} is negative (${shown}): driver quantities must be zero or more`);
}

/** Whole-number weights: plain numbers (each a safe integer) or bigints, all zero or more. */
export type Weights = Float64Array | readonly bigint[];

/** Rejects weights that leave nothing to allocate by (none, or all zero). */
export function checkSomeWeight(weights: Weights): void {
  if (weights.length === 0) throw new CalcError("div0", "there are no drivers: nothing to allocate by");
  for (let i = 0; i < weights.length; i++) if (weights[i] !== 0 && weights[i] !== 0n) return;
  throw new CalcError("div0", "all drivers are zero: nothing to allocate by");
}

/** Values expressed as numerators over one shared positive denominator. */
export interface CommonFraction {
  readonly numerators: readonly bigint[];
  readonly denominator: bigint;
}

export function bigintWeights(weights: Weights): readonly bigint[] {
  return weights instanceof Float64Array ? Array.from(weights, (w) => BigInt(w)) : weights;
}

/** The exact proportions amount · w_i / Σw, over one common denominator (method "none"). */
export function exactProportions(amount: Fixed, weights: Weights): CommonFraction {
  const whole = bigintWeights(weights);
  return {
    numerators: whole.map((w) => amount.units * w),
    denominator: pow10(amount.scale) * sumUnits(whole),
  };
}

/**
 * Largest remainder: round every value down, then hand the units still missing to the largest
 * fractional parts, the earlier position first on ties. `target` must lie less than one unit from
 * the values' exact sum; then between 0 and n units are missing and only values with a fractional
 * part receive one, so every result is within one unit of its exact value.
 */
export function largestRemainder(values: CommonFraction, target: bigint): bigint[] {
  const { numerators, denominator } = values;
  const rounded = numerators.map((n) => floorDiv(n, denominator));
  const remainders = numerators.map((n, i) => n - rounded[i] * denominator);
  let missing = target - sumUnits(rounded);
  const byRemainder = remainders
    .map((_, i) => i)
    .sort((a, b) => (remainders[a] === remainders[b] ? a - b : remainders[a] > remainders[b] ? -1 : 1));
  for (const i of byRemainder) {
    if (missing <= 0n) break;
    rounded[i] += 1n;
    missing -= 1n;
  }
  return rounded;
}

/**
 * Largest remainder to whole units adding up to `total` (less than one unit from their exact sum); a
 * negative total is rounded as the mirror image of the positive one, so credits round toward zero.
 */
export function roundToTotal(values: CommonFraction, total: bigint): bigint[] {
  if (total >= 0n) return largestRemainder(values, total);
  const mirrored = { numerators: values.numerators.map((n) => -n), denominator: values.denominator };
  return largestRemainder(mirrored, -total).map((units) => -units);
}

/**
 * The bigint path, for any amount and weights: the shares of |amount| as exact fractions of a unit,
 * rounded by the method, then given the amount's sign.
 */
export function allocateBigintUnits(
  amount: Fixed,
  weights: readonly bigint[],
  decimals: number,
  method: RoundingMethod,
): bigint[] {
  const credit = amount.units < 0n;
  const inUnits = (credit ? -amount.units : amount.units) * pow10(decimals);
  const shares = exactProportions({ units: inUnits, scale: amount.scale }, weights);
  const target = roundUnitsHalfAway(inUnits, pow10(amount.scale));
  const units = method === "largest" ? largestRemainder(shares, target) : plug(shares, target, weights);
  return credit ? units.map((u) => -u) : units;
}

/** Round half away from zero each share, then put the difference on the share of the largest weight. */
function plug(shares: CommonFraction, target: bigint, weights: readonly bigint[]): bigint[] {
  const rounded = shares.numerators.map((n) => roundUnitsHalfAway(n, shares.denominator));
  const difference = target - sumUnits(rounded);
  const largest = weights.reduce((best, w, i) => (w > weights[best] ? i : best), 0);
  rounded[largest] += difference;
  return rounded;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The amount in whole units of 10^-decimals as a safe integer, or undefined if it is finer or larger. */
function safeWholeUnits(amount: Fixed, decimals: number): number | undefined {
  const units =
    amount.scale <= decimals
      ? amount.units * pow10(decimals - amount.scale)
      : amount.units % pow10(amount.scale - decimals) === 0n
        ? amount.units / pow10(amount.scale - decimals)
        : undefined;
  return units !== undefined && units <= SAFE && -units <= SAFE ? Number(units) : undefined;
}

/**
 * The shares of `amount` in units of 10^-decimals, adding up to ROUND(amount, decimals), by the
 * method. Plain numbers when the safe-integer path applies, bigints otherwise. The caller has
 * checked decimals, method and weights (zero or more, not all zero).
 */
export function splitUnits(
  amount: Fixed,
  weights: Weights,
  decimals: number,
  method: RoundingMethod,
): Float64Array | bigint[] {
  const amountUnits = safeWholeUnits(amount, decimals);
  if (amountUnits !== undefined) {
    const numbers = weights instanceof Float64Array ? weights : safeNumbers(weights);
    const units =
      numbers &&
      (allocateSafeIntegerUnits(amountUnits, numbers, method) ??
        allocateWideUnits(amountUnits, numbers, method));
    if (units) return units;
  }
  return allocateBigintUnits(amount, bigintWeights(weights), decimals, method);
}

function safeNumbers(weights: readonly bigint[]): Float64Array | undefined {
  const numbers = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] > SAFE) return undefined;
    numbers[i] = Number(weights[i]);
  }
  return numbers;
}

/**
 * Splits `amount` in proportion to whole-number `weights` into shares in units of 10^-decimals that
 * add up exactly to ROUND(amount, decimals); a credit is split as the mirror image of the debit. A
 * bigint amount is already in units of 10^-decimals, like the shares.
 */
export function allocateUnits(
  amount: bigint | Fixed,
  weights: readonly bigint[],
  decimals: number,
  method: RoundingMethod = "largest",
): bigint[] {
  checkDecimals(decimals);
  checkMethod(method, ROUNDING_METHODS);
  weights.forEach((w, i) => {
    if (w < 0n) throw negativeDriver(`driver ${i + 1}`, w.toString());
  });
  checkSomeWeight(weights);
  const exact = typeof amount === "bigint" ? { units: amount, scale: decimals } : amount;
  const units = splitUnits(exact, weights, decimals, method);
  return units instanceof Float64Array ? Array.from(units, (u) => BigInt(u)) : units;
}

const LIMIT = Number.MAX_SAFE_INTEGER;

/** floor(x / d) for safe non-negative integers, corrected so that the float division cannot round it up. */
function floorDivide(x: number, d: number): number {
  let q = Math.floor(x / d);
  let r = x - q * d;
  while (r < 0) {
    q -= 1;
    r += d;
  }
  while (r >= d) {
    q += 1;
    r -= d;
  }
  return q;
}

/**
 * The safe-integer path: the same rule for whole-number drivers and an amount that, in units of
 * 10^-decimals, keeps every product below 2^53; then plain numbers compute every share exactly,
 * and a full Excel column is allocated in milliseconds. Returns the shares in units, or undefined
 * when the inputs are outside that range (then the bigint path computes them).
 */
export function allocateSafeIntegerUnits(
  amountUnits: number,
  drivers: ArrayLike<number>,
  method: RoundingMethod,
): Float64Array | undefined {
  const n = drivers.length;
  if (n === 0 || !Number.isSafeInteger(amountUnits)) return undefined;
  let total = 0;
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const d = drivers[i];
    if (!Number.isSafeInteger(d) || d < 0) return undefined;
    total += d;
    if (d > drivers[largest]) largest = i;
  }
  const magnitude = Math.abs(amountUnits);
  // 2·A·max(d) + total must stay exact for the half-away rounding of "plug".
  if (total === 0 || total > LIMIT || 2 * magnitude * drivers[largest] + total > LIMIT) return undefined;

  const units = new Float64Array(n);
  let handedOut = 0;
  if (method === "largest") {
    const remainders = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = magnitude * drivers[i];
      const q = floorDivide(x, total);
      units[i] = q;
      remainders[i] = x - q * total;
      handedOut += q;
    }
    const missing = magnitude - handedOut;
    if (missing > 0) {
      // Units go to the largest remainders; among equal remainders at the threshold, earlier cells first.
      const threshold = kthLargest(remainders, missing);
      let above = 0;
      for (let i = 0; i < n; i++) if (remainders[i] > threshold) above++;
      let atThreshold = missing - above;
      for (let i = 0; i < n; i++) {
        if (remainders[i] > threshold || (remainders[i] === threshold && atThreshold-- > 0)) units[i] += 1;
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      const q = floorDivide(2 * magnitude * drivers[i] + total, 2 * total);
      units[i] = q;
      handedOut += q;
    }
    units[largest] += magnitude - handedOut;
  }
  if (amountUnits < 0) for (let i = 0; i < n; i++) units[i] = units[i] === 0 ? 0 : -units[i];
  return units;
}
