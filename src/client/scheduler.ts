import { CellQuery, issueText, type QueryResult } from "../contract/query";
import type { WorkbookBinding } from "./binding";
import { seconds } from "./deadline";
import { CLOSED, errorResult } from "./messages";
import type { ClientDiagnostics } from "./status";
import { answerItem, type Group, type Settle, type Waiting } from "./wave";

export interface WaveTiming {
  /** A wave ends after this long without a new call… */
  batchWindowMs: number;
  /** …or at the latest this long after its first call. */
  maxBatchDelayMs: number;
  /** Longest a wave may take with every retry and timeout; past it, its cells are answered regardless. */
  deadlineMs: number;
  now(): number;
}

/** What the scheduler has the rest of the client do with a wave. */
export interface WaveWork {
  /** The wave's cells sorted into requests, once the client can ask; or why it cannot. */
  group(wave: readonly Waiting[]): Promise<Group[] | { problem: string }>;
  /** Answers one group's cells: from the cache, the service or the last known values. */
  answer(group: Group): Promise<void>;
}

/**
 * Gathers formula calls made close together into waves and sees that every call settles: with
 * its answer, with an error when anything fails or takes too long, and when the client closes.
 */
export class WaveScheduler {
  private pending: Waiting[] = [];
  private startedAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly waves = new Set<Promise<void>>();

  constructor(
    private readonly timing: WaveTiming,
    private readonly work: WaveWork,
    private readonly counters: ClientDiagnostics,
  ) {}

  /** One formula call: never rejects. */
  ask(cell: CellQuery, binding: WorkbookBinding | undefined): Promise<QueryResult> {
    return new Promise<QueryResult>((resolve) => {
      let settled = false;
      const counters = this.counters;
      const settle: Settle = (result, how) => {
        if (settled) return;
        settled = true;
        counters.cellsAnswered++;
        if (how === "cache") counters.answeredFromCache++;
        if (how === "offline") counters.answeredOffline++;
        if (how === "offline" || how === "unreachable") counters.answeredUnreachable++;
        if ("error" in result) counters.answeredWithError++;
        resolve(result);
      };
      const parsed = CellQuery.safeParse(cell);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return settle(errorResult("VALUE", issueText(issue)));
      }
      if (this.closed) return settle(CLOSED);
      this.pending.push({ cell: parsed.data, binding, settle });
      this.schedule();
    });
  }

  /** Answers every call not yet sent; resolves when the waves under way are answered. */
  close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const waiting = this.pending;
    this.pending = [];
    for (const { settle } of waiting) settle(CLOSED);
    return Promise.all([...this.waves]).then(() => undefined);
  }

  private schedule(): void {
    const now = this.timing.now();
    if (this.pending.length === 1) this.startedAt = now;
    clearTimeout(this.timer);
    const untilLatest = this.startedAt + this.timing.maxBatchDelayMs - now;
    this.timer = setTimeout(
      () => this.sendWave(),
      Math.max(0, Math.min(this.timing.batchWindowMs, untilLatest)),
    );
  }

  private sendWave(): void {
    const wave = this.pending;
    this.pending = [];
    this.timer = undefined;
    const done = this.answerWave(wave).finally(() => this.waves.delete(done));
    this.waves.add(done);
  }

  private async answerWave(wave: Waiting[]): Promise<void> {
    const { deadlineMs } = this.timing;
    let groups: Group[] | undefined;
    let failure = `no answer within ${seconds(deadlineMs)}`;
    const guard = setTimeout(() => answerRest(wave, groups, failure), deadlineMs);
    try {
      const grouped = await this.work.group(wave);
      if ("problem" in grouped) failure = grouped.problem;
      else groups = grouped;
      await Promise.all((groups ?? []).map((group) => this.work.answer(group)));
    } catch (error) {
      failure = `the cost-model client failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      clearTimeout(guard);
      answerRest(wave, groups, failure);
    }
  }
}

/**
 * The guarantee that no cell waits forever: whatever is still unanswered gets an error. Cells
 * that joined a request of another wave are that wave's to answer.
 */
function answerRest(wave: readonly Waiting[], groups: Group[] | undefined, reason: string): void {
  const result = errorResult("NA", reason);
  if (groups === undefined) for (const { settle } of wave) settle(result);
  else for (const group of groups) for (const item of group.items.values()) answerItem(item, result);
}
