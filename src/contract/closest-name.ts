/** Edits (insert, delete, replace one character) that turn `a` into `b`. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const replace = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(replace, previous[j] + 1, current[j - 1] + 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The name among `names` that `text` most likely meant (case aside): one that starts with it, or
 * the nearest by a few typing slips; undefined when none is close.
 */
export function closestName(text: string, names: readonly string[]): string | undefined {
  const typed = text.trim().toLowerCase();
  if (typed === "") return undefined;
  const starting = names.find((name) => name.toLowerCase().startsWith(typed));
  if (starting !== undefined) return starting;
  const limit = Math.max(1, Math.floor(typed.length / 3));
  let best: { name: string; edits: number } | undefined;
  for (const name of names) {
    // The length difference alone costs that many edits: most names are passed over at once.
    if (Math.abs(name.length - typed.length) > limit) continue;
    const edits = distance(typed, name.toLowerCase());
    if (edits <= limit && (best === undefined || edits < best.edits)) best = { name, edits };
  }
  return best?.name;
}
