/**
 * Code-point order, the same on every database: SQL ORDER BY on text follows the server's collation,
 * and the order of equal-remainder shares must not depend on which database holds the model.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
