import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What goes wrong between the client and the real service. */
export type Fault =
  | { kind: "none" }
  /** Requests are answered with this HTTP status and the service's error shape (the first `times`, or all). */
  | { kind: "status"; status: number; code: string; message: string; times?: number }
  /** The real answer, held back this long. */
  | { kind: "slow"; ms: number }
  /** The first half of the real answer's bytes, as a complete HTTP response. */
  | { kind: "truncate" }
  /** The real answer with its last `count` results removed. */
  | { kind: "drop-results"; count: number }
  /** Half of the real answer, then the service goes away: connections cut, nothing listening. */
  | { kind: "stop-mid-answer" };

/**
 * A loopback proxy in front of the real service that injects one fault at a time and counts
 * the requests it receives.
 */
export interface FaultProxy {
  readonly url: string;
  readonly requests: number;
  /** Number of queries in each batch query request received, in order. */
  readonly querySizes: number[];
  /** All queries received in batch query requests. */
  readonly queriesForwarded: number;
  fault: Fault;
  /** The service becomes unreachable: open connections cut, connections refused. */
  goDown(): Promise<void>;
  /** Reachable again, on the same address. */
  comeBack(): Promise<void>;
  /** No fault, and reachable: where each test starts. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let requests = 0;
  const querySizes: number[] = [];
  let listening = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const forward = async (request: http.IncomingMessage, body: Buffer) => {
    const headers: Record<string, string> = {};
    for (const name of ["authorization", "content-type", "accept"]) {
      const value = request.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const answer = await fetch(upstream + request.url, {
      method: request.method,
      headers,
      body: request.method === "GET" || request.method === "HEAD" ? undefined : new Uint8Array(body),
    });
    return { status: answer.status, text: await answer.text() };
  };

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    requests++;
    const body = await readBody(request);
    if (request.url?.endsWith("/query")) {
      querySizes.push((JSON.parse(body.toString("utf8")) as { queries: unknown[] }).queries.length);
    }
    const fault = proxy.fault;
    if (fault.kind === "status" && (fault.times === undefined || fault.times-- > 0)) {
      response.writeHead(fault.status, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { code: fault.code, message: fault.message } }));
      return;
    }
    const { status, text } = await forward(request, body);
    let out = text;
    if (fault.kind === "slow") await wait(fault.ms);
    if (fault.kind === "truncate") out = text.slice(0, Math.floor(text.length / 2));
    if (fault.kind === "drop-results") {
      const parsed = JSON.parse(text) as { results: unknown[] };
      parsed.results = parsed.results.slice(0, Math.max(0, parsed.results.length - fault.count));
      out = JSON.stringify(parsed);
    }
    // The client gave up (timeout) while the service was answering.
    if (response.destroyed || response.socket === null || response.socket.destroyed) return;
    if (fault.kind === "stop-mid-answer") {
      const bytes = Buffer.from(text);
      response.writeHead(status, { "content-type": "application/json", "content-length": bytes.length });
      response.write(bytes.subarray(0, bytes.length >> 1));
      await proxy.goDown();
      return;
    }
    response.writeHead(status, { "content-type": "application/json" });
    response.end(out);
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(502).end();
      else response.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<number>((resolve) =>
      server.listen(port, "127.0.0.1", () => {
        listening = true;
        resolve((server.address() as AddressInfo).port);
      }),
    );
  const port = await listen(0);

  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    querySizes,
    get queriesForwarded() {
      return querySizes.reduce((a, b) => a + b, 0);
    },
    fault: { kind: "none" },
    async goDown() {
      if (!listening) return;
      listening = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    async comeBack() {
      if (!listening) await listen(port);
    },
    async reset() {
      proxy.fault = { kind: "none" };
      await proxy.comeBack();
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await proxy.goDown();
    },
  };
  return proxy;
}
