import { type Rational, divide, isZero, multiply, negate, add } from "./rational";

/**
 * Solves the square system matrix · x = b for every right-hand side b at once, by one Gaussian
 * elimination in exact fractions, or returns null when the system is singular. Exact arithmetic has
 * no rounding error to contain, so any non-zero pivot serves and singularity is an exact zero pivot
 * rather than a tolerance.
 */
export function solveExactly(
  matrix: readonly (readonly Rational[])[],
  rightHandSides: readonly (readonly Rational[])[],
): Rational[][] | null {
  const size = matrix.length;
  const rows = matrix.map((row, i) => [...row, ...rightHandSides.map((rhs) => rhs[i])]);
  for (let column = 0; column < size; column++) {
    const pivotRow = rows.findIndex((row, i) => i >= column && !isZero(row[column]));
    if (pivotRow < 0) return null;
    [rows[column], rows[pivotRow]] = [rows[pivotRow], rows[column]];
    const pivot = rows[column];
    for (let i = 0; i < size; i++) {
      if (i === column || isZero(rows[i][column])) continue;
      const factor = negate(divide(rows[i][column], pivot[column]));
      rows[i] = rows[i].map((value, j) => (j < column ? value : add(value, multiply(factor, pivot[j]))));
    }
  }
  return rightHandSides.map((_, b) => rows.map((row, i) => divide(row[size + b], row[i])));
}
