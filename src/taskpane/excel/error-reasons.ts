import { cellErrors, cellKey } from "../../functions/cell-errors";
import { qualifiedAddress } from "./addresses";

/** What an Excel error means when the formula left no message of its own. */
const MEANINGS: Record<string, string> = {
  "#N/A": "no value is available",
  "#VALUE!": "an argument has the wrong type",
  "#NUM!": "a number is out of range, or the calculation does not converge",
  "#DIV/0!": "a division by zero, e.g. every driver is zero",
  "#NAME?": "Excel does not know this function: the ITFM add-in is not loaded",
  "#SPILL!": "the result needs empty cells to spill into",
  "#BUSY!": "still calculating",
  "#REF!": "a referenced cell no longer exists",
  "#NULL!": "two ranges that do not intersect",
  "#CALC!": "Excel cannot calculate this result",
  "#CONNECT!": "Excel could not reach the add-in",
};

/** Why an ITFM cell shows `code`: the formula's own message when it recorded one, else what the code means. */
export function errorReason(sheet: string, address: string, code: string): string {
  const recorded = cellErrors().get(cellKey(qualifiedAddress(sheet, address)));
  if (recorded !== undefined && recorded.message !== "" && recorded.code === code) return recorded.message;
  return MEANINGS[code] ?? "Excel shows an error";
}
