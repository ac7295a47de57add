import type { Me } from "../contract/api";

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
  /** Of those, answered without reaching the service: a last known value or "not connected". */
  answeredUnreachable: number;
  /** Failures to read or write the persistent store (e.g. it is full). */
  storeErrors: number;
}

/** Who the client is signed in as: the task pane shows it; the token itself stays inside the client. */
export type ClientSession =
  /** The saved sign-in is still being read. */
  | { state: "starting" }
  | { state: "signed-out" }
  | {
      state: "signed-in";
      /** The only origin the token is sent to. */
      origin: string;
      /** The token's user, tenant and role, once the service has told (GET /me). */
      account: Me | undefined;
    };

export type StatusListener = (status: ClientStatus) => void;
export type SessionListener = (session: ClientSession) => void;

export class StatusBoard {
  private current: ClientStatus;
  private currentSession: ClientSession = { state: "starting" };
  private readonly listeners = new Set<StatusListener>();
  private readonly sessionListeners = new Set<SessionListener>();
  readonly counters: ClientDiagnostics = {
    requestsSent: 0,
    retries: 0,
    cellsAnswered: 0,
    answeredFromCache: 0,
    answeredOffline: 0,
    answeredWithError: 0,
    answeredUnreachable: 0,
    storeErrors: 0,
  };

  constructor(initial: ClientStatus) {
    this.current = initial;
  }

  get status(): ClientStatus {
    return this.current;
  }

  get session(): ClientSession {
    return this.currentSession;
  }

  setSession(session: ClientSession): void {
    this.currentSession = session;
    notify(this.sessionListeners, session);
  }

  subscribe(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  subscribeSession(listener: SessionListener): () => void {
    this.sessionListeners.add(listener);
    return () => this.sessionListeners.delete(listener);
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
    notify(this.listeners, status);
  }
}

function notify<T>(listeners: Set<(value: T) => void>, value: T): void {
  for (const listener of [...listeners]) {
    try {
      listener(value);
    } catch {
      // a failing listener must not stop the others or the formulas
    }
  }
}
