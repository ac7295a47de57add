import { CellQuery, MAX_QUERIES_PER_REQUEST, type QueryResult } from "../contract/query";
import { isLatest, LATEST, WorkbookBinding } from "./binding";
import { canonicalKey, groupWave, type Group, type Item, type Settle, type Waiting } from "./wave";
import { ResultCache, type CachedResult, type Partition } from "./cache";
import {
  CLOSED,
  CLOSED_REASON,
  errorResult,
  NO_SERVICE,
  noPermission,
  notAnswered,
  notConnected,
  refusedResult,
  SIGN_IN,
  unreadable,
} from "./messages";
import { seconds, within } from "./deadline";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry";
import { StatusBoard, type ClientDiagnostics, type ClientStatus, type StatusListener } from "./status";
import { authorizationFor, readSignIn, serviceOrigin, TOKEN_KEY, writeSignIn, type SignIn } from "./sign-in";
import { memoryStore, type KeyValueStore } from "./store";
import { postQuery, type PostOutcome, type TransportOptions } from "./transport";

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
   * before a wave (ms, default 30 000).
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
/** Which published version "latest" is right now: asked before the queries of a "latest" binding. */
const VERSION_QUERY: CellQuery = { kind: "model", field: "version" };

/** One request's context: where its answers are kept and how it is authorized. */
interface Send {
  serviceUrl: string;
  model: string;
  version: string;
  scenario: string;
  token: string;
  partition: Partition;
}

const VERSION_KEY = canonicalKey(VERSION_QUERY);

/** Names the cache partitions of one sign-in: a digest, so the token itself is never part of a key. */
async function accountOf(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The origin that serves the add-in, which is also the service's by default. */
function originOfRuntime(): string | undefined {
  return typeof location !== "undefined" && /^https?:$/.test(location.protocol) ? location.origin : undefined;
}

/** The version label a cached MODEL("version") answer holds. */
function labelIn(entry: CachedResult | undefined): string | undefined {
  return entry !== undefined && "value" in entry.result && typeof entry.result.value === "string"
    ? entry.result.value
    : undefined;
}

/**
 * The add-in's connection to the cost-model service. Formula calls made close together form a
 * wave that travels in as few requests as possible; every call settles with a result, never
 * with a rejection and never left waiting.
 */
export class CostModelClient {
  private readonly store: KeyValueStore;
  private readonly cache: ResultCache;
  private readonly board: StatusBoard;
  private readonly transport: TransportOptions;
  private readonly closing = new AbortController();
  private readonly batchWindowMs: number;
  private readonly maxBatchDelayMs: number;
  private readonly maxQueriesPerRequest: number;
  private readonly now: () => number;
  private readonly defaultServiceUrl: string | undefined;
  /** Longest a wave can take with every retry and timeout; past it, its cells are answered regardless. */
  private readonly waveDeadlineMs: number;
  private readonly started: Promise<void>;
  /** Whether start() has read the saved sign-in; if not, a start still under way waits on the store. */
  private signInRead = false;
  private binding: WorkbookBinding | undefined;
  private bindingSet = false;
  private signIn: SignIn | undefined;
  /** Set by setToken/signOut: then the sign-in read from the store at start is out of date. */
  private tokenChanged = false;
  private pending: Waiting[] = [];
  private waveStartedAt = 0;
  private waveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly inFlight = new Map<string, Item>();
  /** Resolutions of "latest" under way, by model: one request however many groups need it. */
  private readonly resolving = new Map<string, Promise<LatestAnswer>>();
  private readonly waves = new Set<Promise<void>>();

  constructor(options: CostModelClientOptions = {}) {
    this.store = options.store ?? memoryStore();
    this.batchWindowMs = options.batchWindowMs ?? 10;
    this.maxBatchDelayMs = options.maxBatchDelayMs ?? 1_000;
    this.maxQueriesPerRequest = Math.min(
      options.maxQueriesPerRequest ?? MAX_QUERIES_PER_REQUEST,
      MAX_QUERIES_PER_REQUEST,
    );
    this.now = options.now ?? Date.now;
    this.defaultServiceUrl = options.defaultServiceUrl ?? originOfRuntime();
    this.board = new StatusBoard({ state: "signed-out", reason: SIGN_IN });
    const counters = this.board.counters;
    this.cache = new ResultCache(this.store, {
      shortLivedTtlMs: options.shortLivedTtlMs ?? 30_000,
      maxStoredPartitions: options.maxStoredPartitions ?? 32,
      readTimeoutMs: options.timeoutMs ?? 30_000,
      now: this.now,
      onStoreError: () => counters.storeErrors++,
    });
    const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.transport = {
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      timeoutMs: options.timeoutMs ?? 30_000,
      retry,
      signal: this.closing.signal,
      onRequestSent: () => counters.requestsSent++,
      onRetry: () => counters.retries++,
    };
    // Resolving "latest", then the queries: two requests one after the other, each with every retry.
    this.waveDeadlineMs = 2 * (this.transport.timeoutMs + retry.maxDelayMs) * (retry.retries + 1) + 5_000;
    if (options.binding !== undefined) this.setBinding(options.binding);
    this.started = this.start(options.loadBinding);
  }

  private async start(loadBinding: CostModelClientOptions["loadBinding"]): Promise<void> {
    const [signIn, saved] = await Promise.all([
      readSignIn(this.store).finally(() => (this.signInRead = true)),
      loadBinding?.().catch(() => undefined),
    ]);
    if (signIn !== undefined && !this.tokenChanged) this.useSignIn(signIn);
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
    const trimmed = token.trim();
    if (trimmed === "") throw new Error("the sign-in token is empty");
    if (serviceUrl === undefined) await this.started;
    const target = serviceUrl ?? this.binding?.serviceUrl ?? this.defaultServiceUrl;
    if (target === undefined) throw new Error(NO_SERVICE);
    const address = serviceOrigin(target);
    if ("problem" in address) throw new Error(address.problem);
    const signIn = { origin: address.origin, token: trimmed };
    this.tokenChanged = true;
    this.useSignIn(signIn);
    await writeSignIn(this.store, signIn);
  }

  /** Forgets the token and every remembered answer. */
  async signOut(): Promise<void> {
    this.tokenChanged = true;
    this.signIn = undefined;
    this.board.signedOut(SIGN_IN);
    await Promise.all([this.store.removeItem(TOKEN_KEY).catch(() => undefined), this.cache.clear()]);
  }

  private useSignIn(signIn: SignIn): void {
    this.signIn = signIn;
    this.board.online(new Date(this.now()));
  }

  getStatus(): ClientStatus {
    return this.board.status;
  }

  /** Calls `listener` on every change of status; returns the function that unsubscribes. */
  subscribe(listener: StatusListener): () => void {
    return this.board.subscribe(listener);
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
    clearTimeout(this.waveTimer);
    const waiting = this.pending;
    this.pending = [];
    for (const { settle } of waiting) settle(CLOSED);
    this.closing.abort();
    await Promise.all([...this.waves]);
    await this.cache.flush();
  }

  /**
   * One formula cell's query. Model, version and scenario default to `binding` (or the
   * workbook's); the query's own version and scenario override them. Never rejects.
   */
  query(cell: CellQuery, binding?: WorkbookBinding): Promise<QueryResult> {
    return new Promise<QueryResult>((resolve) => {
      let settled = false;
      const counters = this.board.counters;
      const settle: Settle = (result, how) => {
        if (settled) return;
        settled = true;
        counters.cellsAnswered++;
        if (how === "cache") counters.answeredFromCache++;
        if (how === "offline") counters.answeredOffline++;
        if ("error" in result) counters.answeredWithError++;
        resolve(result);
      };
      const parsed = CellQuery.safeParse(cell);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return settle(errorResult("VALUE", `${issue.path.join(".") || "query"}: ${issue.message}`));
      }
      if (this.closing.signal.aborted) return settle(CLOSED);
      this.pending.push({ cell: parsed.data, binding, settle });
      this.scheduleWave();
    });
  }

  private scheduleWave(): void {
    const now = this.now();
    if (this.pending.length === 1) this.waveStartedAt = now;
    clearTimeout(this.waveTimer);
    const untilLatest = this.waveStartedAt + this.maxBatchDelayMs - now;
    this.waveTimer = setTimeout(
      () => this.sendWave(),
      Math.max(0, Math.min(this.batchWindowMs, untilLatest)),
    );
  }

  private sendWave(): void {
    const wave = this.pending;
    this.pending = [];
    this.waveTimer = undefined;
    const done = this.answerWave(wave).finally(() => this.waves.delete(done));
    this.waves.add(done);
  }

  private async answerWave(wave: Waiting[]): Promise<void> {
    let groups: Group[] | undefined;
    let failure = `no answer within ${seconds(this.waveDeadlineMs)}`;
    const guard = setTimeout(() => this.answerRest(wave, groups, failure), this.waveDeadlineMs);
    try {
      const startProblem = await this.waitForStart();
      if (startProblem !== undefined) failure = startProblem;
      else groups = groupWave(wave, this.binding, this.defaultServiceUrl);
      await Promise.all((groups ?? []).map((group) => this.answerGroup(group)));
    } catch (error) {
      failure = `the cost-model client failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      clearTimeout(guard);
      this.answerRest(wave, groups, failure);
    }
  }

  /**
   * Waits, at most timeoutMs, for the saved sign-in and binding, unless both were set since;
   * returns why the wave cannot go on when the store or the workbook does not answer in time.
   */
  private async waitForStart(): Promise<string | undefined> {
    if (this.tokenChanged && this.bindingSet) return undefined;
    const wait = this.transport.timeoutMs;
    if ((await within(this.started, wait, this.closing.signal)) !== undefined) return undefined;
    if (this.closing.signal.aborted) return CLOSED_REASON;
    return notAnswered(this.signInRead ? "workbook" : "storage", seconds(wait));
  }

  /**
   * The guarantee that no cell waits forever: whatever is still unanswered gets an error. Cells
   * that joined a request of another wave are that wave's to answer.
   */
  private answerRest(wave: Waiting[], groups: Group[] | undefined, reason: string): void {
    const result = errorResult("NA", reason);
    if (groups === undefined) for (const { settle } of wave) settle(result);
    else for (const group of groups) for (const item of group.items.values()) this.answer(item, result);
  }

  private answer(item: Item, result: QueryResult, how?: "cache" | "offline"): void {
    if (item.answered) return;
    item.answered = true;
    if (item.flightKey !== undefined) this.inFlight.delete(item.flightKey);
    for (const settle of item.settles) settle(result, how);
  }

  private async answerGroup(group: Group): Promise<void> {
    const items = [...group.items.values()];
    const authorization = authorizationFor(this.signIn, group.serviceUrl);
    if ("refused" in authorization) {
      if (authorization.signedOut) this.board.signedOut(authorization.refused);
      for (const item of items) this.answer(item, errorResult("NA", authorization.refused));
      return;
    }
    const { token } = authorization;
    const account = await accountOf(token);
    const partitionOf = (version: string) => this.cache.partition({ ...group, account, version });
    let version = group.version;
    if (isLatest(version)) {
      const latest = await this.resolveLatest(group, account, token);
      if (latest.kind === "failed") {
        for (const item of items) this.answer(item, latest.result);
        return;
      }
      if (latest.kind === "unreachable") {
        const partition = latest.label === undefined ? undefined : await partitionOf(latest.label);
        return this.answerOffline(items, latest.reason, partition);
      }
      version = latest.label;
    }
    const partition = await partitionOf(version);
    const toSend: Item[] = [];
    for (const item of items) {
      const entry = partition.entries.get(item.key);
      const flying = this.inFlight.get(partition.storageKey + item.key);
      if (entry !== undefined && this.cache.isFresh(entry)) this.answer(item, entry.result, "cache");
      else if (flying !== undefined) flying.settles.push(...item.settles.splice(0));
      else {
        item.flightKey = partition.storageKey + item.key;
        this.inFlight.set(item.flightKey, item);
        toSend.push(item);
      }
    }
    const send: Send = { ...group, version, token, partition };
    const chunks: Item[][] = [];
    for (let i = 0; i < toSend.length; i += this.maxQueriesPerRequest) {
      chunks.push(toSend.slice(i, i + this.maxQueriesPerRequest));
    }
    await Promise.all(chunks.map((chunk) => this.send(send, chunk)));
  }

  /**
   * Which published version "latest" is. The service never marks answers about "latest" as
   * immutable (it moves when a version is published), so the client asks for the label first,
   * reuses it for the short lifetime, and asks everything else by label: those answers are
   * immutable and cached for good. One resolution serves every scenario of the model.
   */
  private async resolveLatest(
    group: Group,
    account: string,
    token: string,
  ): Promise<Resolution | Unreachable> {
    const partition = await this.cache.partition({ ...group, account, version: LATEST, scenario: "" });
    const known = partition.entries.get(VERSION_KEY);
    if (known !== undefined && this.cache.isFresh(known)) return resolution(known.result);
    let asking = this.resolving.get(partition.storageKey);
    if (asking === undefined) {
      asking = this.askLatest(group, token, partition).finally(() =>
        this.resolving.delete(partition.storageKey),
      );
      this.resolving.set(partition.storageKey, asking);
    }
    const outcome = await asking;
    if (outcome.kind === "unreachable") return { ...outcome, label: labelIn(known) };
    return outcome.kind === "failed" ? outcome : resolution(outcome.result);
  }

  private async askLatest(group: Group, token: string, partition: Partition): Promise<LatestAnswer> {
    const request = {
      model: group.model,
      version: LATEST,
      scenario: group.scenario,
      queries: [VERSION_QUERY],
    };
    const outcome = await postQuery(group.serviceUrl, token, request, this.transport);
    if (outcome.kind !== "answer") return this.failure(outcome, token);
    const now = this.now();
    this.board.online(new Date(now));
    const result = outcome.response.results[0];
    this.cache.put(partition, VERSION_KEY, { result, at: now, immutable: false });
    return { kind: "answer", result };
  }

  private async send(send: Send, chunk: Item[]): Promise<void> {
    const request = {
      model: send.model,
      version: send.version,
      scenario: send.scenario,
      queries: chunk.map((item) => item.query),
    };
    const outcome = await postQuery(send.serviceUrl, send.token, request, this.transport);
    if (outcome.kind === "refused" && outcome.status === 413 && chunk.length > 1) {
      const half = Math.ceil(chunk.length / 2);
      await Promise.all([this.send(send, chunk.slice(0, half)), this.send(send, chunk.slice(half))]);
      return;
    }
    if (outcome.kind !== "answer") {
      const failure = await this.failure(outcome, send.token);
      if (failure.kind === "unreachable") return this.answerOffline(chunk, failure.reason, send.partition);
      for (const item of chunk) this.answer(item, failure.result);
      return;
    }
    const now = this.now();
    this.board.online(new Date(now));
    const { results, immutable } = outcome.response;
    chunk.forEach((item, i) => {
      this.cache.put(send.partition, item.key, { result: results[i], at: now, immutable });
      this.answer(item, results[i]);
    });
  }

  /** What a failed request means for its cells; a refused sign-in also signs the client out. */
  private async failure(outcome: Exclude<PostOutcome, { kind: "answer" }>, token: string): Promise<Failure> {
    switch (outcome.kind) {
      case "unreachable":
        return { kind: "unreachable", reason: outcome.reason };
      case "malformed":
        return { kind: "failed", result: unreadable(outcome.reason) };
      case "refused":
        if (outcome.status === 401) {
          if (this.signIn?.token === token) {
            this.signIn = undefined;
            this.board.signedOut(SIGN_IN);
            await this.store.removeItem(TOKEN_KEY).catch(() => undefined);
          }
          return { kind: "failed", result: errorResult("NA", SIGN_IN) };
        }
        if (outcome.status === 403) return { kind: "failed", result: noPermission(outcome.message) };
        return { kind: "failed", result: refusedResult(outcome.status, outcome.message) };
    }
  }

  /** Offline: each cell shows the last answer ever given to its query, or says it is not connected. */
  private answerOffline(items: Item[], reason: string, partition: Partition | undefined): void {
    const now = new Date(this.now());
    this.board.offline(now, reason);
    for (const item of items) {
      const last = partition?.entries.get(item.key);
      if (last === undefined) {
        this.answer(item, notConnected(reason));
      } else {
        this.board.offline(now, reason, new Date(last.at));
        this.answer(item, last.result, "offline");
      }
    }
  }
}

/** No answer; `label` is the version "latest" was when last known, whose answers offline cells may show. */
type Unreachable = { kind: "unreachable"; reason: string; label?: string };
type Failed = { kind: "failed"; result: QueryResult };
type Failure = Failed | Unreachable;
type LatestAnswer = { kind: "answer"; result: QueryResult } | Failure;
type Resolution = { kind: "resolved"; label: string } | Failed;

/** MODEL("version") of "latest" answered: a label to ask by, or the error every cell of the model gets. */
function resolution(result: QueryResult): Resolution {
  if ("value" in result && typeof result.value === "string") return { kind: "resolved", label: result.value };
  return { kind: "failed", result };
}

export function createCostModelClient(options?: CostModelClientOptions): CostModelClient {
  return new CostModelClient(options);
}
