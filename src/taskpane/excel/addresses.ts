/** Excel's column letters of a 0-based column index: 0 -> A, 26 -> AA. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/** A1-style address of a 0-based row and column. */
export function cellAddress(row: number, column: number): string {
  return `${columnName(column)}${row + 1}`;
}

/** `Sheet1!B2`, or `'Budget 2027'!B2` when the sheet name needs quotes, as Excel writes it. */
export function qualifiedAddress(sheet: string, address: string): string {
  const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${address}`;
}

/** The address part of `Sheet1!B2:C4`, without the sheet. */
export function withoutSheet(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1);
}

const ITFM_CALL = /\bITFM\.[A-Z]+\s*\(/i;

/** A cell formula that calls an ITFM function. */
export function isItfmFormula(formula: unknown): formula is string {
  return typeof formula === "string" && formula.startsWith("=") && ITFM_CALL.test(formula);
}
