/** What the task pane shows about the connection. */
export type ClientStatus =
  | { state: "online"; since: Date }
  | {
      state: "offline";
      since: Date;
      /** Why the service could not be reached. */
      reason: string;
      /** Age of the oldest last known value shown since going offline; null when none was shown. */
      valuesAsOf: Date | null;
    }
  | { state: "signed-out"; reason: string };

/** Counters for the diagnostics panel, from the start of the session. */
export interface ClientDiagnostics {
  /** HTTP requests sent to the service, retries included. */
  requestsSent: number;
  retries: number;
  /** Formula calls settled, with a value or an error. */
  cellsAnswered: number;
  /** Of those, answered from the cache without a request. */
  answeredFromCache: number;
  /** Of those, answered with a last known value while offline. */
  answeredOffline: number;
  /** Of those, answered with an error. */
  answeredWithError: number;
  /** Failures to read or write the persistent store (e.g. it is full). */
  storeErrors: number;
}

export type StatusListener = (status: ClientStatus) => void;

export class StatusBoard {
  private current: ClientStatus;
  private readonly listeners = new Set<StatusListener>();
  readonly counters: ClientDiagnostics = {
    requestsSent: 0,
    retries: 0,
    cellsAnswered: 0,
    answeredFromCache: 0,
    answeredOffline: 0,
    answeredWithError: 0,
    storeErrors: 0,
  };

  constructor(initial: ClientStatus) {
    this.current = initial;
  }

  get status(): ClientStatus {
    return this.current;
  }

  subscribe(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  online(now: Date): void {
    if (this.current.state !== "online") this.set({ state: "online", since: now });
  }

  signedOut(reason: string): void {
    if (this.current.state !== "signed-out" || this.current.reason !== reason) {
      this.set({ state: "signed-out", reason });
    }
  }

  /** Going offline, or still offline; `valueAt` is the time of a last known value just shown. */
  offline(now: Date, reason: string, valueAt?: Date): void {
    const previous = this.current.state === "offline" ? this.current : undefined;
    const shown = previous?.valuesAsOf ?? null;
    const valuesAsOf = valueAt !== undefined && (shown === null || valueAt < shown) ? valueAt : shown;
    if (previous?.reason === reason && previous.valuesAsOf === valuesAsOf) return;
    this.set({ state: "offline", since: previous?.since ?? now, reason, valuesAsOf });
  }

  private set(status: ClientStatus): void {
    this.current = status;
    for (const listener of [...this.listeners]) {
      try {
        listener(status);
      } catch {
        // a failing listener must not stop the others or the formulas
      }
    }
  }
}
