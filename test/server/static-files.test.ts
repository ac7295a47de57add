import { readFileSync, readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { startTestServer, type TestServer } from "../support/server";

/** The built add-in (npm run build) served by the real service: compressed, cached by its name. */
const DIST = path.resolve(__dirname, "../../dist");

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request with exactly these headers, the body as it came over the wire (not decompressed). */
function get(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on("error", reject);
  });
}

const paneScript = () => {
  const name = readdirSync(DIST).find((file) => /^taskpane\.[0-9a-f]{12}\.js$/.test(file));
  if (name === undefined) throw new Error(`no content-named taskpane script in ${DIST}: run npm run build`);
  return name;
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ db: "pglite", config: { staticDir: DIST } });
}, 60_000);
afterAll(() => server?.close());

describe("the add-in's files", () => {
  it("the pane's script is named by its content, which the html refers to, and kept for a year", async () => {
    const name = paneScript();
    const html = await get(`${server.url}/taskpane.html`, {});
    expect(html.body.toString()).toContain(`src=${name}>`);
    expect(html.headers["cache-control"]).toBe("no-cache");
    const script = await get(`${server.url}/${name}`, { "accept-encoding": "br" });
    expect(script.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("is sent as brotli or gzip when the browser accepts it, the same bytes once decompressed", async () => {
    const name = paneScript();
    const plain = readFileSync(path.join(DIST, name));
    const br = await get(`${server.url}/${name}`, { "accept-encoding": "gzip, deflate, br" });
    expect([br.status, br.headers["content-encoding"], br.headers.vary]).toEqual([
      200,
      "br",
      "accept-encoding",
    ]);
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(brotliDecompressSync(br.body).equals(plain)).toBe(true);
    // Most of the 600 KB stays at home: brotli sends under a third of it.
    expect(br.body.length).toBeLessThan(plain.length / 3);

    const gzip = await get(`${server.url}/functions.js`, { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).equals(readFileSync(path.join(DIST, "functions.js")))).toBe(true);

    const identity = await get(`${server.url}/functions.json`, {});
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.body.equals(readFileSync(path.join(DIST, "functions.json")))).toBe(true);
  });

  it("functions.js, named by the manifest, is revalidated: a warm load gets 304 and no body", async () => {
    const first = await get(`${server.url}/functions.js`, { "accept-encoding": "br" });
    expect(first.headers["cache-control"]).toBe("no-cache");
    expect(first.headers.etag).toBeDefined();
    const again = await get(`${server.url}/functions.js`, {
      "accept-encoding": "br",
      "if-none-match": String(first.headers.etag),
    });
    expect([again.status, again.body.length]).toEqual([304, 0]);
  });

  it("the address alone opens the pane, whatever the browser accepts", async () => {
    for (const encoding of ["gzip, deflate, br", "gzip", ""]) {
      const root = await get(`${server.url}/`, encoding === "" ? {} : { "accept-encoding": encoding });
      expect([encoding, root.status, root.headers["content-type"]]).toEqual([
        encoding,
        200,
        expect.stringContaining("text/html"),
      ]);
    }
  });

  it("the manifest is never kept without asking", async () => {
    const manifest = await get(`${server.url}/manifest.xml`, {});
    expect([manifest.status, manifest.headers["cache-control"]]).toEqual([200, "no-cache"]);
  });
});
