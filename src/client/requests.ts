import type { z } from "zod";
import { Me } from "../contract/api";
import type { Auth } from "./auth";
import type { ServiceConnection } from "./connection";
import { ServiceError, serviceError } from "./failures";
import { NO_SERVICE, notAServiceAt, TOKEN_NOT_ACCEPTED } from "./messages";
import { serviceBase, signInFor, type SignIn } from "./sign-in";
import { schemaReader, type Call, type Outcome } from "./transport";

/** A route below /api/v1, e.g. "/models". */
export type ApiPath = `/${string}`;

export interface RequestOptions {
  /** The service asked; default: the workbook's, else the add-in's origin. */
  serviceUrl?: string;
}

/** A request the user waits for and may cancel. */
export interface AttendedOptions {
  signal?: AbortSignal;
  /** Per attempt; default: the client's timeout. */
  timeoutMs?: number;
}

export interface RequestParts {
  auth: Auth;
  connection: ServiceConnection;
  /** Waits, within the timeout, for the saved sign-in (and the binding when `serviceUrl` is not given). */
  ready(bindingNeeded: boolean): Promise<string | undefined>;
  /** The service of requests that name none. */
  defaultService(): string | undefined;
}

/**
 * The task pane's typed requests to the service, over the same transport as the cells: the
 * same timeout, retries and sign-in, and a failure in the words a cell would show.
 */
export class ServiceRequests {
  constructor(private readonly parts: RequestParts) {}

  async call<T>(
    method: Call["method"],
    path: ApiPath,
    body: unknown,
    schema: z.ZodType<T>,
    options: RequestOptions,
  ): Promise<T> {
    const { serviceUrl, token } = await this.authorized(options);
    return this.send({ method, serviceUrl, path, token, body }, schema);
  }

  /**
   * A request the caller shapes (a file for a body, its own timeout and retries), answered with its
   * outcome as it came, so that the caller can read a refusal's details. `quiet` leaves the status alone.
   */
  async exchange<T>(
    request: Omit<Call, "serviceUrl" | "token">,
    schema: z.ZodType<T>,
    options: RequestOptions,
    quiet = false,
  ): Promise<{ call: Call; outcome: Outcome<T> }> {
    const { serviceUrl, token } = await this.authorized(options);
    const call: Call = { ...request, serviceUrl, token };
    return { call, outcome: await this.parts.connection.request(call, schemaReader(schema), quiet) };
  }

  /**
   * Tries `token` on the service (GET /me) and keeps it once the service accepts it. The status
   * is left alone until then: a token being tried says nothing about the formulas' connection.
   */
  async signIn(serviceUrl: string, token: string, options: AttendedOptions = {}): Promise<Me> {
    const base = serviceBase(serviceUrl);
    let signIn: SignIn;
    try {
      signIn = signInFor(token, base);
    } catch (error) {
      throw new ServiceError("refused", error instanceof Error ? error.message : String(error));
    }
    const account = await this.send(
      { method: "GET", serviceUrl: base, path: "/me", token: signIn.token, ...options },
      Me,
      true,
    ).catch((error: unknown) => {
      throw signInRefusal(error, base);
    });
    if (options.signal?.aborted) throw new ServiceError("unreachable", "the sign-in was cancelled");
    await this.parts.auth.set(signIn.token, base, account);
    return account;
  }

  /** Asks the service who the signed-in token belongs to; the session shows it from then on. */
  async identify(options: RequestOptions): Promise<Me> {
    const { serviceUrl, token } = await this.authorized(options);
    const account = await this.send({ method: "GET", serviceUrl, path: "/me", token }, Me);
    this.parts.auth.identified(token, account);
    return account;
  }

  /**
   * One quick question (GET /me, no retry) that tells whether the service answers: the status
   * follows the outcome, as it does for the cells. True when it answered.
   */
  async check(options: RequestOptions, timeoutMs: number): Promise<boolean> {
    const { serviceUrl, token } = await this.authorized(options);
    const call: Call = { method: "GET", serviceUrl, path: "/me", token, retries: 0, timeoutMs };
    return (await this.parts.connection.request(call, schemaReader(Me))).kind === "answer";
  }

  private async authorized(options: RequestOptions): Promise<{ serviceUrl: string; token: string }> {
    const problem = await this.parts.ready(options.serviceUrl === undefined);
    if (problem !== undefined) throw new ServiceError("unreachable", problem);
    const target = options.serviceUrl ?? this.parts.defaultService();
    if (target === undefined) throw new ServiceError("refused", NO_SERVICE);
    const serviceUrl = serviceBase(target);
    const authorization = this.parts.auth.authorize(serviceUrl);
    if ("refused" in authorization) throw new ServiceError("refused", authorization.refused);
    return { serviceUrl, token: authorization.token };
  }

  private async send<T>(call: Call, schema: z.ZodType<T>, quiet = false): Promise<T> {
    const outcome = await this.parts.connection.request(call, schemaReader(schema), quiet);
    if (outcome.kind === "answer") return outcome.value;
    throw serviceError(outcome, call);
  }
}

/**
 * A failed sign-in in the words of the one who typed the address and the token: an address that
 * is not the service's (a page that is not there, an answer that is not ours) or a token it
 * does not accept. The request and the status stay in the details.
 */
function signInRefusal(error: unknown, base: string): unknown {
  if (!(error instanceof ServiceError)) return error;
  if (error.kind === "unreadable" || error.status === 404)
    return new ServiceError(error.kind, notAServiceAt(base), error.details, error.status, error.code);
  if (error.status === 401)
    return new ServiceError("refused", TOKEN_NOT_ACCEPTED, error.details, 401, error.code);
  return error;
}
