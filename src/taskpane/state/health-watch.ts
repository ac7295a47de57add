/** How often the pane asks whether the service answers. */
export interface HealthSchedule {
  /** Between checks while the service answers: a stop shows this soon. */
  onlineMs: number;
  /** First wait after a failed check; doubled after each further failure… */
  offlineMinMs: number;
  /** …up to this: a service that comes back shows at most this late. */
  offlineMaxMs: number;
}

export const HEALTH_SCHEDULE: HealthSchedule = {
  onlineMs: 10_000,
  offlineMinMs: 1_000,
  offlineMaxMs: 15_000,
};

/**
 * The wait before the next check: the online interval, or after `failures` failed checks in a row
 * exponential backoff with equal jitter (half fixed, half random), so that panes of a whole
 * company do not all ask a service that comes back at the same moment.
 */
export function nextCheckDelay(
  schedule: HealthSchedule,
  failures: number,
  random: () => number = Math.random,
): number {
  if (failures === 0) return schedule.onlineMs;
  const ceiling = Math.min(schedule.offlineMaxMs, schedule.offlineMinMs * 2 ** (failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

export interface HealthWatchOptions {
  /** One check: true when the service answered. Never waits forever (it has its own timeout). */
  check(): Promise<boolean>;
  schedule?: HealthSchedule;
  timers?: Timers;
  random?: () => number;
  /** Called when a check starts or ends. */
  onChange?(): void;
}

/**
 * Checks the service in the background while running: every `onlineMs` while it answers, with
 * backoff while it does not. `checkNow` (Try again) checks at once and starts the schedule anew.
 */
export class HealthWatch {
  private timer: unknown;
  private running = false;
  private failures = 0;
  private checking = false;
  private readonly timers: Timers;
  private readonly schedule: HealthSchedule;

  constructor(private readonly options: HealthWatchOptions) {
    this.timers = options.timers ?? {
      setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
      clearTimeout: (timer) => globalThis.clearTimeout(timer as ReturnType<typeof setTimeout>),
    };
    this.schedule = options.schedule ?? HEALTH_SCHEDULE;
  }

  /** A check is under way. */
  get busy(): boolean {
    return this.checking;
  }

  /** Starts the schedule (the first check comes after the current wait, not at once). */
  start(failing: boolean): void {
    if (this.running) return;
    this.running = true;
    this.failures = failing ? Math.max(this.failures, 1) : 0;
    this.plan();
  }

  stop(): void {
    this.running = false;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Checks now, unless a check is under way; the schedule continues from its outcome. */
  async checkNow(): Promise<void> {
    if (this.checking) return;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.checking = true;
    this.options.onChange?.();
    let answered: boolean;
    try {
      answered = await this.options.check();
    } catch {
      answered = false;
    }
    this.checking = false;
    this.failures = answered ? 0 : this.failures + 1;
    this.options.onChange?.();
    this.plan();
  }

  private plan(): void {
    if (!this.running || this.checking) return;
    this.timers.clearTimeout(this.timer);
    const delay = nextCheckDelay(this.schedule, this.failures, this.options.random);
    this.timer = this.timers.setTimeout(() => void this.checkNow(), delay);
  }
}
