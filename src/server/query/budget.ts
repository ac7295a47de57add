import type { QueryResult } from "../../contract/query";
import { HttpError } from "../errors";

/** Figures a batch may read by default: about half a second of work. */
export const DEFAULT_QUERY_COST_LIMIT = 2_000_000;
/** Figures read between two pauses that let other requests in. */
const SLICE = 10_000;

/**
 * What a batch of queries costs: the figures its answers read (months × the members and consumers a
 * query covers with their children) and the names its lists hold. A query that alone costs more than
 * the limit is answered with an error in its cell; a batch that costs more in all is refused 413, and
 * the add-in splits it and asks again.
 */
export class QueryBudget {
  private spent = 0;
  private sinceYield = 0;
  private queries = 0;

  constructor(readonly limit: number = DEFAULT_QUERY_COST_LIMIT) {}

  /** Answers with `answer()` when `figures` fit in what is left. */
  charge(figures: number, answer: () => QueryResult): QueryResult {
    return this.chargeOnly(figures) ?? answer();
  }

  /** Counts `figures`; the cell's error when one query costs more than the whole limit. */
  chargeOnly(figures: number): QueryResult | undefined {
    if (figures > this.limit) {
      return {
        error: {
          code: "VALUE",
          message:
            `this cell covers ${figures.toLocaleString("en-US")} figures, more than the ` +
            `${this.limit.toLocaleString("en-US")} one request may read: ask for a shorter period or a member lower in its hierarchy`,
        },
      };
    }
    this.spent += figures;
    this.sinceYield += figures;
    if (this.spent > this.limit) {
      throw new HttpError(
        413,
        "batch_too_costly",
        `These cells cover more than the ${this.limit.toLocaleString("en-US")} figures one request may read; ask for fewer cells at once`,
        { limit: this.limit },
      );
    }
    return undefined;
  }

  /** Whether the batch has worked long enough that other requests should have their turn. */
  timeToYield(): boolean {
    this.queries++;
    if (this.sinceYield < SLICE && this.queries % 100 !== 0) return false;
    this.sinceYield = 0;
    return true;
  }
}
