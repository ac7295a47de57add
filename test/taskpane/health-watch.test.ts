import { HealthWatch, nextCheckDelay, type Timers } from "../../src/taskpane/state/health-watch";

const SCHEDULE = { onlineMs: 10_000, offlineMinMs: 1_000, offlineMaxMs: 15_000 };

/** Timers run by hand: the test says when time passes, nothing waits for real. */
class ManualClock implements Timers {
  now = 0;
  private pending = new Map<number, { at: number; run: () => void }>();
  private next = 1;
  setTimeout(run: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, run });
    return id;
  }
  clearTimeout(timer: unknown): void {
    this.pending.delete(timer as number);
  }
  /** When the next timer fires, or undefined when none is waiting. */
  nextAt(): number | undefined {
    const times = [...this.pending.values()].map((t) => t.at);
    return times.length === 0 ? undefined : Math.min(...times);
  }
  /** Runs the next timer. */
  fire(): void {
    const [id, timer] = [...this.pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
    this.pending.delete(id);
    this.now = timer.at;
    timer.run();
  }
}

const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("the background check's schedule", () => {
  it("waits the online interval while the service answers", () => {
    expect(nextCheckDelay(SCHEDULE, 0, () => 0.5)).toBe(10_000);
  });

  it("backs off exponentially while it does not, up to the ceiling, with equal jitter", () => {
    const lowest = [1, 2, 3, 4, 5, 6, 7].map((n) => nextCheckDelay(SCHEDULE, n, () => 0));
    const highest = [1, 2, 3, 4, 5, 6, 7].map((n) => nextCheckDelay(SCHEDULE, n, () => 1));
    expect(highest).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000]);
    expect(lowest).toEqual(highest.map((ms) => ms / 2));
  });
});

describe("the background check", () => {
  /** A watch on a manual clock; each check answers the next of `answers` (or as `check` says). */
  function watch(answers: boolean[], check?: (health: HealthWatch) => Promise<boolean>) {
    const clock = new ManualClock();
    const checks: number[] = [];
    const health: HealthWatch = new HealthWatch({
      schedule: SCHEDULE,
      timers: clock,
      random: () => 1,
      check: async () => {
        checks.push(clock.now);
        return check === undefined ? (answers.shift() ?? true) : check(health);
      },
    });
    return { clock, checks, health };
  }

  it("checks every 10 s while online, and backs off once the service stops answering", async () => {
    const { clock, checks, health } = watch([true, false, false, false, true]);
    health.start(false);
    for (let i = 0; i < 5; i++) {
      clock.fire();
      await settled();
    }
    // online: 10 s; then failures: 1 s, 2 s, 4 s; back online: 10 s again.
    expect(checks).toEqual([10_000, 20_000, 21_000, 23_000, 27_000]);
    expect(clock.nextAt()).toBe(37_000);
  });

  it("starts with the backoff when it starts offline", () => {
    const { clock, health } = watch([]);
    health.start(true);
    expect(clock.nextAt()).toBe(1_000);
  });

  it("stops checking when stopped (the pane hidden, or signed out)", () => {
    const { clock, health } = watch([]);
    health.start(false);
    health.stop();
    expect(clock.nextAt()).toBeUndefined();
  });

  it("Try again checks at once, says it is checking, and the schedule goes on from the outcome", async () => {
    const busy: boolean[] = [];
    const { clock, checks, health } = watch([], async (self) => {
      busy.push(self.busy);
      return false;
    });
    health.start(false);
    clock.now = 3_000;
    await health.checkNow();
    expect(checks).toEqual([3_000]);
    expect(busy).toEqual([true]);
    expect(health.busy).toBe(false);
    expect(clock.nextAt()).toBe(4_000);
  });

  it("a check that throws counts as a failure, never stops the schedule", async () => {
    const { clock, health } = watch([], () => Promise.reject(new Error("signed out")));
    health.start(false);
    clock.fire();
    await settled();
    expect(clock.nextAt()).toBe(11_000);
  });
});
