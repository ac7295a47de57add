import http from "node:http";
import type { AddressInfo } from "node:net";

/** A loopback server standing for someone else's: it records the Authorization header of every request. */
export interface RecordingServer {
  url: string;
  requests: number;
  authorizations: string[];
  close(): Promise<void>;
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const recorded: RecordingServer = {
    url: "",
    requests: 0,
    authorizations: [],
    close: async () => undefined,
  };
  const server = http.createServer((request, response) => {
    recorded.requests++;
    if (request.headers.authorization !== undefined)
      recorded.authorizations.push(request.headers.authorization);
    request.resume();
    response.writeHead(200, { "content-type": "application/json" }).end('{"results":[{"value":"1"}]}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  recorded.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  recorded.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return recorded;
}
