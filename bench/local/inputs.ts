/** The benchmark's inputs, the same in every process: a deterministic sequence, no Math.random. */

export const FULL_COLUMN = 1_048_576;
/** A realistic amount to split: a year of a large data centre's cost. */
export const ALLOCATE_AMOUNT = 123_456_789.01;

/** "hours": whole CPU hours up to 100,000; "decimals": the same with four decimals. */
export type DriverKind = "hours" | "decimals";

export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A full column of drivers as Excel hands a range to a custom function: one array per row. */
export function driverColumn(kind: DriverKind): number[][] {
  const random = lcg(42);
  return Array.from({ length: FULL_COLUMN }, () => {
    const hours = 1 + Math.floor(random() * 100_000);
    // An integer over 10^4 is the double nearest the four-decimal number, as a typed value is.
    return [kind === "hours" ? hours : (hours * 10_000 + Math.floor(random() * 10_000)) / 10_000];
  });
}
