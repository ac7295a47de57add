/** Why a version cannot be allocated; `message` is written for the finance controller who fixes it. */
export interface PublishProblem {
  code:
    | "unknown_member"
    | "unknown_scenario"
    | "invalid_rule"
    | "no_rule"
    | "parent_lines"
    | "zero_driver"
    | "negative_driver"
    | "reciprocal"
    | "conservation";
  message: string;
  /** In how many scenario-months it occurs, when it is found month by month. */
  months?: number;
}

const SHOWN_PLACES = 3;

/**
 * Collects problems without repeating one: the same missing rule found in twelve months is one
 * problem that lists where it occurs ("in Actual 2026-01, Actual 2026-02, Actual 2026-03 and 9 more").
 */
export class Problems {
  private readonly found = new Map<
    string,
    { code: PublishProblem["code"]; message: string; where: string[] }
  >();

  add(code: PublishProblem["code"], message: string, where?: string): void {
    const key = `${code}\u0000${message}`;
    let entry = this.found.get(key);
    if (entry === undefined) {
      entry = { code, message, where: [] };
      this.found.set(key, entry);
    }
    if (where !== undefined && !entry.where.includes(where)) entry.where.push(where);
  }

  get size(): number {
    return this.found.size;
  }

  list(): PublishProblem[] {
    return [...this.found.values()].map(({ code, message, where }) =>
      where.length === 0
        ? { code, message }
        : { code, message: `${message} (in ${describePlaces(where)})`, months: where.length },
    );
  }
}

function describePlaces(where: readonly string[]): string {
  if (where.length <= SHOWN_PLACES) return where.join(", ");
  return `${where.slice(0, SHOWN_PLACES).join(", ")} and ${where.length - SHOWN_PLACES} more`;
}
