import type { Me } from "../contract/api";
import { SIGN_IN } from "./messages";
import { authorizationFor, readSignIn, signInFor, TOKEN_KEY, writeSignIn, type SignIn } from "./sign-in";
import type { StatusBoard } from "./status";
import type { KeyValueStore } from "./store";

/** The token a request may carry, or why it goes unsent. */
export type Authorization = { token: string } | { refused: string };

/**
 * The client's sign-in: the token and the origin it is for, kept in memory and in the store
 * (never in the workbook), and the account it belongs to. It publishes the session on the status
 * board, so the task pane reads who is signed in without ever holding the token.
 */
export class Auth {
  private signIn: SignIn | undefined;
  private account: Me | undefined;
  /** Set by set/signOut: then the sign-in read from the store at start is out of date. */
  private changed = false;
  /** Whether load() has read the saved sign-in. */
  private read = false;

  constructor(
    private readonly store: KeyValueStore,
    private readonly board: StatusBoard,
    private readonly now: () => number,
  ) {}

  /** Reads the saved sign-in, unless one was set or dropped meanwhile. */
  async load(): Promise<void> {
    const saved = await readSignIn(this.store).finally(() => (this.read = true));
    if (this.changed) return;
    if (saved === undefined) this.publish();
    else this.use(saved);
  }

  /** Whether the saved sign-in has been read (a start still under way may be waiting on the store). */
  get savedSignInRead(): boolean {
    return this.read;
  }

  /** Whether a sign-in was set or dropped since the start: the store need not be waited for. */
  get changedSinceStart(): boolean {
    return this.changed;
  }

  /** Signs in for the origin of `serviceUrl`; throws when the add-in will not send a token there. */
  async set(token: string, serviceUrl: string, account?: Me): Promise<void> {
    const signIn = signInFor(token, serviceUrl);
    this.changed = true;
    this.use(signIn, account);
    await writeSignIn(this.store, signIn);
  }

  async signOut(): Promise<void> {
    this.changed = true;
    this.drop();
    await this.store.removeItem(TOKEN_KEY).catch(() => undefined);
  }

  /**
   * The token for a request to `serviceUrl`. None is sent to another origin than the one signed
   * in for, nor over plain http: when a sign-in there would help, the status says signed out.
   */
  authorize(serviceUrl: string): Authorization {
    const authorization = authorizationFor(this.signIn, serviceUrl);
    if ("token" in authorization) return authorization;
    if (authorization.signedOut) this.board.signedOut(authorization.refused);
    return { refused: authorization.refused };
  }

  /** The service refused `token` (HTTP 401): if it is still the one signed in with, it is forgotten. */
  async rejected(token: string): Promise<void> {
    if (this.signIn?.token !== token) return;
    this.drop();
    await this.store.removeItem(TOKEN_KEY).catch(() => undefined);
  }

  /** Who `token` belongs to, as the service said; kept while that token is the one signed in with. */
  identified(token: string, account: Me): void {
    if (this.signIn?.token !== token) return;
    this.account = account;
    this.publish();
  }

  private use(signIn: SignIn, account?: Me): void {
    this.signIn = signIn;
    this.account = account;
    this.board.online(new Date(this.now()));
    this.publish();
  }

  private drop(): void {
    this.signIn = undefined;
    this.account = undefined;
    this.board.signedOut(SIGN_IN);
    this.publish();
  }

  private publish(): void {
    this.board.setSession(
      this.signIn === undefined
        ? { state: "signed-out" }
        : { state: "signed-in", origin: this.signIn.origin, account: this.account },
    );
  }
}
