import type { AllocationMethod } from "./allocate";

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

/** The k-th largest value (k from 1) of a list, by quickselect on a copy: O(n) on average. */
function kthLargest(values: Float64Array, k: number): number {
  const a = values.slice();
  let lo = 0;
  let hi = a.length - 1;
  const want = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] > pivot) i++;
      while (a[j] < pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else return a[want];
  }
  return a[want];
}

/**
 * The same rule as allocate() for the common case of whole-number drivers and an amount that, in
 * units of 10^-decimals, keeps every product below 2^53: then plain numbers compute every share
 * exactly, and a full Excel column is allocated in milliseconds. Returns the shares in units, or
 * undefined when the inputs are outside that range (the caller uses the general exact path).
 */
export function allocateSafeIntegerUnits(
  amountUnits: number,
  drivers: ArrayLike<number>,
  method: Exclude<AllocationMethod, "none">,
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
