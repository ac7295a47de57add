import type { z } from "zod";
import type { Me } from "../contract/api";
import type { ImportProgress, ImportQueryInput, ImportResult } from "../contract/imports";
import { MAX_QUERIES_PER_REQUEST, type CellQuery, type QueryResult } from "../contract/query";
import { Auth } from "./auth";
import { WorkbookBinding } from "./binding";
import { ResultCache } from "./cache";
import { ServiceConnection } from "./connection";
import { seconds, within } from "./deadline";
import { importProgress, sendImport, type ImportFile, type ImportOptions } from "./imports";
import { CLOSED_REASON, NO_SERVICE, notAnswered, SIGN_IN } from "./messages";
import { ServiceRequests, type ApiPath, type AttendedOptions, type RequestOptions } from "./requests";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry";
import { WaveScheduler } from "./scheduler";
import { Sender } from "./sender";
import { TOKEN_KEY } from "./sign-in";
import {
  StatusBoard,
  type ClientDiagnostics,
  type ClientSession,
  type ClientStatus,
  type SessionListener,
  type StatusListener,
} from "./status";
import { memoryStore, type KeyValueStore } from "./store";
import { VersionResolver } from "./versions";
import { groupWave } from "./wave";

export interface CostModelClientOptions {
  /** Keeps the token and last known results across restarts; default: in memory only. */
  store?: KeyValueStore;
  /** The workbook's binding, when already known. */
  binding?: WorkbookBinding;
  /** Reads the binding saved in the workbook, once at start; setBinding() before it resolves wins. */
  loadBinding?: () => Promise<WorkbookBinding | undefined>;
  /** Service of bindings that name none; default: the origin that serves the add-in. */
  defaultServiceUrl?: string;
  /** A wave of formula calls ends after this long without a new call (ms, default 10). */
  batchWindowMs?: number;
  /** …or at the latest this long after its first call, however steady the stream (ms, default 1 000). */
  maxBatchDelayMs?: number;
  /** Queries per request, at most MAX_QUERIES_PER_REQUEST (the default). */
  maxQueriesPerRequest?: number;
  /**
   * Per request attempt, and the longest wait for the store or the workbook's saved settings
   * before a wave or a request (ms, default 30 000).
   */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** How long answers about drafts and "latest" are reused (ms, default 30 000). */
  shortLivedTtlMs?: number;
  /** Result partitions (account × model × version × scenario) kept in the store (default 32). */
  maxStoredPartitions?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export { TOKEN_KEY };

/** The origin that serves the add-in, which is also the service's by default. */
function originOfRuntime(): string | undefined {
  return typeof location !== "undefined" && /^https?:$/.test(location.protocol) ? location.origin : undefined;
}

/**
 * The add-in's connection to the cost-model service. Formula calls made close together form a
 * wave that travels in as few requests as possible; every call settles with a result, never
 * with a rejection and never left waiting. The task pane's typed get/post travel the same way.
 */
export class CostModelClient {
  private readonly cache: ResultCache;
  private readonly board: StatusBoard;
  private readonly auth: Auth;
  private readonly waves: WaveScheduler;
  private readonly requests: ServiceRequests;
  private readonly closing = new AbortController();
  private readonly timeoutMs: number;
  private readonly defaultServiceUrl: string | undefined;
  private readonly started: Promise<void>;
  private binding: WorkbookBinding | undefined;
  private bindingSet = false;

  constructor(options: CostModelClientOptions = {}) {
    const now = options.now ?? Date.now;
    const store = options.store ?? memoryStore();
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.defaultServiceUrl = options.defaultServiceUrl ?? originOfRuntime();
    this.board = new StatusBoard({ state: "signed-out", reason: SIGN_IN });
    const counters = this.board.counters;
    this.cache = new ResultCache(store, {
      shortLivedTtlMs: options.shortLivedTtlMs ?? 30_000,
      maxStoredPartitions: options.maxStoredPartitions ?? 32,
      readTimeoutMs: this.timeoutMs,
      now,
      onStoreError: () => counters.storeErrors++,
    });
    const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.auth = new Auth(store, this.board, now);
    const connection = new ServiceConnection(
      {
        fetch: options.fetch ?? ((input, init) => fetch(input, init)),
        timeoutMs: this.timeoutMs,
        retry,
        signal: this.closing.signal,
        onRequestSent: () => counters.requestsSent++,
        onRetry: () => counters.retries++,
      },
      this.auth,
      this.board,
      now,
    );
    const sender = new Sender({
      auth: this.auth,
      cache: this.cache,
      connection,
      versions: new VersionResolver(this.cache, connection, now),
      board: this.board,
      now,
      maxQueriesPerRequest: Math.min(
        options.maxQueriesPerRequest ?? MAX_QUERIES_PER_REQUEST,
        MAX_QUERIES_PER_REQUEST,
      ),
    });
    this.waves = new WaveScheduler(
      {
        batchWindowMs: options.batchWindowMs ?? 10,
        maxBatchDelayMs: options.maxBatchDelayMs ?? 1_000,
        // Resolving "latest", then the queries: two requests one after the other, each with every retry.
        deadlineMs: 2 * (this.timeoutMs + retry.maxDelayMs) * (retry.retries + 1) + 5_000,
        now,
      },
      {
        group: async (wave) => {
          const problem = await this.waitForStart(true);
          return problem === undefined ? groupWave(wave, this.binding, this.defaultServiceUrl) : { problem };
        },
        answer: (group) => sender.answer(group),
      },
      counters,
    );
    this.requests = new ServiceRequests({
      auth: this.auth,
      connection,
      ready: (bindingNeeded) => this.waitForStart(bindingNeeded),
      defaultService: () => this.binding?.serviceUrl ?? this.defaultServiceUrl,
    });
    if (options.binding !== undefined) this.setBinding(options.binding);
    this.started = this.start(options.loadBinding);
  }

  private async start(loadBinding: CostModelClientOptions["loadBinding"]): Promise<void> {
    const [, saved] = await Promise.all([this.auth.load(), loadBinding?.().catch(() => undefined)]);
    if (saved !== undefined && !this.bindingSet) {
      const parsed = WorkbookBinding.safeParse(saved);
      if (parsed.success) this.binding = parsed.data;
    }
  }

  /** Resolves once the saved token and the workbook's binding have been read. */
  ready(): Promise<void> {
    return this.started;
  }

  /** Binds the workbook (the task pane saves it in the workbook; this is the runtime's copy). */
  setBinding(binding: WorkbookBinding): void {
    this.binding = WorkbookBinding.parse(binding);
    this.bindingSet = true;
  }

  getBinding(): WorkbookBinding | undefined {
    return this.binding;
  }

  /**
   * Signs in to the service at `serviceUrl` (default: the workbook's, else the default service).
   * The token is kept in memory and in the store, never in the workbook, and is sent to that
   * service's origin only.
   */
  async setToken(token: string, serviceUrl?: string): Promise<void> {
    if (serviceUrl === undefined) await this.started;
    const target = serviceUrl ?? this.binding?.serviceUrl ?? this.defaultServiceUrl;
    if (target === undefined) throw new Error(NO_SERVICE);
    await this.auth.set(token, target);
  }

  /**
   * Tries `token` on the service at `serviceUrl` and signs in with it once the service accepts
   * it; resolves with the token's account. Rejects with a ServiceError.
   */
  signIn(serviceUrl: string, token: string, options?: AttendedOptions): Promise<Me> {
    return this.requests.signIn(serviceUrl, token, options);
  }

  /**
   * Whether the service answers now: one short request without retries (the pane's background
   * check). Online or offline follows, as after any request. Rejects with a ServiceError when no
   * request can be sent (signed out).
   */
  checkConnection(options: RequestOptions = {}, timeoutMs = 5_000): Promise<boolean> {
    return this.requests.check(options, timeoutMs);
  }

  /** Asks the service who the signed-in token belongs to (the session's account). Rejects with a ServiceError. */
  loadAccount(options: RequestOptions = {}): Promise<Me> {
    return this.requests.identify(options);
  }

  /** Forgets the token and every remembered answer. */
  async signOut(): Promise<void> {
    await Promise.all([this.auth.signOut(), this.cache.clear()]);
  }

  /** GET of a route below /api/v1, its answer checked with `schema`. Rejects with a ServiceError. */
  get<T>(path: ApiPath, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
    return this.requests.call("GET", path, undefined, schema, options);
  }

  /** POST of `body` (as JSON) to a route below /api/v1, its answer checked with `schema`. Rejects with a ServiceError. */
  post<T>(path: ApiPath, body: unknown, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
    return this.requests.call("POST", path, body, schema, options);
  }

  /**
   * Sends a file (CSV or XLSX bytes) into a draft with the import's options; `query.importId` lets
   * `importProgress` follow it meanwhile. Waits long (IMPORT_TIMEOUT_MS) and is never retried.
   * Rejects with ImportRefused when rows of the file are wrong, else with a ServiceError.
   */
  importFile(
    versionId: string,
    file: ImportFile,
    query: ImportQueryInput,
    options: ImportOptions = {},
  ): Promise<ImportResult> {
    return sendImport(this.requests, versionId, file, query, options);
  }

  /** How far an import has got (bytes and rows read, rows written). Rejects with a ServiceError. */
  importProgress(importId: string, options: RequestOptions = {}): Promise<ImportProgress> {
    return importProgress(this.requests, importId, options);
  }

  getStatus(): ClientStatus {
    return this.board.status;
  }

  /** Signed in or not, for which origin, as whom; the token itself never leaves the client. */
  getSession(): ClientSession {
    return this.board.session;
  }

  /** Calls `listener` on every change of status; returns the function that unsubscribes. */
  subscribe(listener: StatusListener): () => void {
    return this.board.subscribe(listener);
  }

  /** Calls `listener` on every sign-in, sign-out and account read; returns the function that unsubscribes. */
  subscribeSession(listener: SessionListener): () => void {
    return this.board.subscribeSession(listener);
  }

  getDiagnostics(): ClientDiagnostics {
    return { ...this.board.counters };
  }

  /** After this, answers about drafts and "latest" are asked again (a Refresh); published ones stay. */
  expireShortLived(): void {
    this.cache.expireShortLived();
  }

  /** Answers every waiting cell, stops requests under way and writes remembered answers to the store. */
  async close(): Promise<void> {
    const waves = this.waves.close();
    this.closing.abort();
    await waves;
    await this.cache.flush();
  }

  /**
   * One formula cell's query. Model, version and scenario default to `binding` (or the
   * workbook's); the query's own version and scenario override them. Never rejects.
   */
  query(cell: CellQuery, binding?: WorkbookBinding): Promise<QueryResult> {
    return this.waves.ask(cell, binding);
  }

  /**
   * Waits, at most timeoutMs, for the saved sign-in and binding, unless both were set since (or
   * the binding is not needed); returns why it cannot go on when the store or the workbook does
   * not answer in time.
   */
  private async waitForStart(bindingNeeded: boolean): Promise<string | undefined> {
    if (this.auth.changedSinceStart && (this.bindingSet || !bindingNeeded)) return undefined;
    const wait = this.timeoutMs;
    if ((await within(this.started, wait, this.closing.signal)) !== undefined) return undefined;
    if (this.closing.signal.aborted) return CLOSED_REASON;
    return notAnswered(this.auth.savedSignInRead ? "workbook" : "storage", seconds(wait));
  }
}

export function createCostModelClient(options?: CostModelClientOptions): CostModelClient {
  return new CostModelClient(options);
}
