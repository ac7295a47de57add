import { HttpError } from "./errors";

/**
 * Admission for heavy work: at most `running` at once, at most `waiting` more in line (first come,
 * first served); past that a request is refused 503 with Retry-After instead of queueing without bound.
 */
export class WorkGate {
  private active = 0;
  private readonly line: (() => void)[] = [];

  constructor(
    private readonly running: number,
    private readonly waiting: number,
    /** The refusal, in the words of the work it guards. */
    private readonly refusal: () => HttpError,
  ) {}

  /** Waits for a turn; resolves with the function that ends it. */
  async enter(): Promise<() => void> {
    if (this.active >= this.running) {
      if (this.line.length >= this.waiting) throw this.refusal();
      await new Promise<void>((resolve) => this.line.push(resolve));
    } else this.active++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.line.shift();
      if (next === undefined) this.active--;
      else next();
    };
  }
}
