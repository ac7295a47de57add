import type { Auth } from "./auth";
import type { StatusBoard } from "./status";
import { send, type AnswerReader, type Call, type Outcome, type TransportOptions } from "./transport";

/**
 * Every request the client makes goes through here, for the cells and for the task pane alike:
 * one timeout, one retry policy, and one reading of what an answer says about the connection.
 */
export class ServiceConnection {
  constructor(
    readonly transport: TransportOptions,
    private readonly auth: Auth,
    private readonly board: StatusBoard,
    private readonly now: () => number,
  ) {}

  /**
   * Sends `call`. An answer means the service is online; no answer means offline; a refused
   * token (401) is forgotten. `quiet` leaves the status alone: a token being tried before it is
   * kept says nothing about the connection the formulas use.
   */
  async request<T>(call: Call, read: AnswerReader<T>, quiet = false): Promise<Outcome<T>> {
    const outcome = await send(call, read, this.transport);
    if (quiet) return outcome;
    if (outcome.kind === "answer") this.board.online(new Date(this.now()));
    else if (outcome.kind === "unreachable") this.board.offline(new Date(this.now()), outcome.reason);
    else if (outcome.kind === "refused" && outcome.status === 401) await this.auth.rejected(call.token);
    return outcome;
  }
}
