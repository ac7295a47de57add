import type { FormulaSpec } from "../../contract/formulas";

/** How well a formula answers the search: its name first (exact, then starting with it), then its words. */
function rank(entry: FormulaSpec, needle: string, words: readonly string[]): number | undefined {
  const name = entry.name.toLowerCase();
  if (name === needle) return 0;
  if (name.startsWith(needle)) return 1;
  if (name.includes(needle)) return 2;
  const text = `${entry.name} ${entry.group} ${entry.summary} ${entry.example}`.toLowerCase();
  return words.every((word) => text.includes(word)) ? 3 : undefined;
}

/** The formulas that match `search`, best first; equally good ones keep the gallery's order. */
export function searchFormulas(formulas: readonly FormulaSpec[], search: string): FormulaSpec[] {
  const needle = search.trim().toLowerCase();
  if (needle === "") return [...formulas];
  const words = needle.split(/\s+/);
  return formulas
    .map((entry, order) => ({ entry, order, rank: rank(entry, needle, words) }))
    .filter((found): found is { entry: FormulaSpec; order: number; rank: number } => found.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map(({ entry }) => entry);
}
