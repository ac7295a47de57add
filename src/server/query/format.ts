import { centsToText, fixedToText, roundUnitsHalfAway, unitsToText } from "../../engine/money";
import { UNIT_SCALE } from "./version-index";

/** How the figures of a query answer are written: amounts to the cent, quantities exactly, rates to 6 decimals. */

const TO_CENTS = 10n ** BigInt(UNIT_SCALE - 2);
const RATE_DECIMALS = 6;

/** An amount to the cent, half away from zero. */
export function formatAmount(units: bigint): string {
  return centsToText(roundUnitsHalfAway(units, TO_CENTS));
}

export function formatQuantity(units: bigint): string {
  return fixedToText({ units, scale: UNIT_SCALE });
}

/** cost / quantity to 6 decimals, half away from zero (both figures share one scale, which cancels). */
export function formatRate(cost: bigint, quantity: bigint): string {
  const [numerator, denominator] = quantity < 0n ? [-cost, -quantity] : [cost, quantity];
  return unitsToText(
    roundUnitsHalfAway(numerator * 10n ** BigInt(RATE_DECIMALS), denominator),
    RATE_DECIMALS,
  );
}
