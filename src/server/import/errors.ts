import { LISTED_ROW_ERRORS } from "../../contract/imports";
import type { RowError } from "./types";

export { LISTED_ROW_ERRORS };

/**
 * The problems found in an import file as it is read, in file order: the first LISTED_ROW_ERRORS are
 * kept (those about the file as a whole, row 0, always), the others only counted.
 */
export class RowErrors {
  private readonly kept: RowError[] = [];
  private readonly aboutFile: RowError[] = [];
  private lastRow = -1;
  /** Every problem found. */
  count = 0;
  /** The rows with problems (the file as a whole counting as one). */
  rows = 0;

  add(error: RowError): void {
    this.count++;
    if (error.row === 0) {
      if (this.aboutFile.length === 0) this.rows++;
      this.aboutFile.push(error);
      return;
    }
    if (error.row !== this.lastRow) {
      this.rows++;
      this.lastRow = error.row;
    }
    if (this.kept.length + this.aboutFile.length < LISTED_ROW_ERRORS) this.kept.push(error);
  }

  /** The problems listed, in row order. */
  list(): RowError[] {
    return [...this.aboutFile, ...this.kept.sort((a, b) => a.row - b.row)].slice(0, LISTED_ROW_ERRORS);
  }

  /** What the refusal says: how many rows have problems, and how many of the problems are listed. */
  summary(): string {
    const rows =
      this.rows === 1 ? "1 row has errors" : `${this.rows.toLocaleString("en-US")} rows have errors`;
    const listed =
      this.count > LISTED_ROW_ERRORS
        ? `; the first ${LISTED_ROW_ERRORS.toLocaleString("en-US")} of its ${this.count.toLocaleString("en-US")} problems are listed`
        : "";
    return `${rows}; nothing was imported${listed}`;
  }
}
