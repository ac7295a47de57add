import type { Dimension } from "../../contract/model";
import type { MemberRow } from "./inputs";

/** The members of a version by dimension, in the model's order, with their hierarchies. */
export class MemberIndex {
  private readonly byDimension = new Map<Dimension, Map<string, MemberRow>>();
  private readonly children = new Map<string, string[]>();

  /** `rows` in the model's order (position within each dimension). */
  constructor(rows: readonly MemberRow[]) {
    for (const row of rows) {
      let members = this.byDimension.get(row.dimension);
      if (members === undefined) {
        members = new Map();
        this.byDimension.set(row.dimension, members);
      }
      members.set(row.name, row);
    }
    for (const row of rows) {
      if (row.parent === null || !this.has(row.dimension, row.parent)) continue;
      const key = childKey(row.dimension, row.parent);
      const list = this.children.get(key) ?? [];
      list.push(row.name);
      this.children.set(key, list);
    }
  }

  has(dimension: Dimension, name: string): boolean {
    return this.byDimension.get(dimension)?.has(name) ?? false;
  }

  get(dimension: Dimension, name: string): MemberRow | undefined {
    return this.byDimension.get(dimension)?.get(name);
  }

  /** Every member of the dimension, in the model's order. */
  names(dimension: Dimension): string[] {
    return [...(this.byDimension.get(dimension)?.keys() ?? [])];
  }

  childrenOf(dimension: Dimension, name: string): string[] {
    return this.children.get(childKey(dimension, name)) ?? [];
  }

  /** The parents of a member up to the top of its hierarchy, nearest first. */
  ancestors(dimension: Dimension, name: string): string[] {
    const found: string[] = [];
    let parent = this.get(dimension, name)?.parent ?? null;
    while (parent !== null && this.has(dimension, parent) && !found.includes(parent) && parent !== name) {
      found.push(parent);
      parent = this.get(dimension, parent)?.parent ?? null;
    }
    return found;
  }

  /** The member and everything below it (a parent's figures are the sum over this set). */
  subtree(dimension: Dimension, name: string): string[] {
    const found: string[] = [];
    const seen = new Set<string>();
    const stack = [name];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (seen.has(next)) continue; // a parent loop in the data must not hang a query
      seen.add(next);
      found.push(next);
      stack.push(...this.childrenOf(dimension, next));
    }
    return found;
  }
}

function childKey(dimension: Dimension, name: string): string {
  return `${dimension}\u0000${name}`;
}
