import fs from "node:fs";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type RunningProcess, ROOT, runScript, startScript } from "../support/processes";
import { type TestServer, startTestServer } from "../support/server";

type ManifestTools = typeof import("../../scripts/manifest-tools");
const { DEV_BASE_URL, checkManifest, withBaseUrl } = jest.requireActual<ManifestTools>(
  "../../scripts/manifest-tools",
);

const MAIN = "src/server/main.ts";
const LISTENING = /listening on (https?:\/\/[^\s]+) \(bound to/;
const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

/** Every add-in URL a manifest names (https attributes and AppDomain text; the schema checks the rest). */
function urlsOf(xml: string): string[] {
  return [...xml.matchAll(/(?:"|<AppDomain>)(https:\/\/[^"<]+)/g)].map((match) => match[1]);
}

/** A folder standing in for dist/: this manifest and a small file at every path it names. */
function addInFolder(root: string, xml: string): string {
  const dir = fs.mkdtempSync(path.join(root, "static-"));
  fs.writeFileSync(path.join(dir, "manifest.xml"), xml);
  for (const url of urlsOf(xml)) {
    const file = path.join(dir, new URL(url).pathname);
    if (file.endsWith(path.sep)) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `stand-in for ${path.basename(file)}`);
  }
  return dir;
}

/** A port nothing listens on, other than the default 3000. */
async function freePort(): Promise<number> {
  for (;;) {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    if (port !== 3000) return port;
  }
}

function httpsGet(url: string, ca: Buffer): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, type: response.headers["content-type"] ?? "", body }),
        );
      })
      .on("error", reject);
  });
}

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "itfm-manifest-origin-"));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("npm start on another port serves a manifest for that port", () => {
  let running: RunningProcess | undefined;
  afterAll(async () => {
    await running?.stop("SIGKILL");
  });

  test("PORT=<not 3000>: every URL of /manifest.xml is on that port, valid, and answered there", async () => {
    const port = await freePort();
    const home = path.join(root, "home");
    running = startScript(MAIN, {
      PORT: String(port),
      ITFM_HOST: "127.0.0.1",
      ITFM_DATA_DIR: "memory://",
      ITFM_DEMO: "0",
      ITFM_STATIC_DIR: addInFolder(root, manifest),
      ITFM_LOG_LEVEL: "warn",
      HOME: home,
    });
    await running.waitFor(LISTENING);
    const ca = fs.readFileSync(path.join(home, ".office-addin-dev-certs", "ca.crt"));
    const origin = `https://localhost:${port}`;

    const served = await httpsGet(`${origin}/manifest.xml`, ca);
    expect([served.status, served.type]).toEqual([200, "application/xml; charset=utf-8"]);
    expect(served.body).not.toContain(DEV_BASE_URL);
    const urls = urlsOf(served.body);
    expect(urls).toHaveLength(urlsOf(manifest).length);
    expect(urls.filter((url) => url !== origin && !url.startsWith(`${origin}/`))).toEqual([]);
    expect(checkManifest(served.body)).toEqual([]);

    // The project's manifest command on the served file, as a deployer would run it.
    const saved = path.join(root, "served-manifest.xml");
    fs.writeFileSync(saved, served.body);
    const validated = await runScript("scripts/validate-manifest.js", ["--offline", saved], {});
    expect([validated.code, validated.stdout]).toEqual([0, expect.stringContaining("valid")]);

    for (const url of new Set(urls.filter((url) => url !== origin))) {
      expect([url, (await httpsGet(url, ca)).status]).toEqual([url, 200]);
    }
  }, 180_000);
});

describe("the served manifest's base URL", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test("ADDIN_BASE_URL at start wins over the port, path prefix kept", async () => {
    server = await startTestServer({
      db: "pglite",
      config: { staticDir: addInFolder(root, manifest), publicUrl: "https://itfm.example.com/finance" },
    });
    const served = await server.call("GET", "/manifest.xml");
    expect(served.status).toBe(200);
    expect(served.text).toBe(withBaseUrl(manifest, "https://itfm.example.com/finance"));
    expect(checkManifest(served.text)).toEqual([]);
  });

  test("a manifest built for a public URL is served as built", async () => {
    const built = withBaseUrl(manifest, "https://itfm.example.com");
    server = await startTestServer({ db: "pglite", config: { staticDir: addInFolder(root, built) } });
    const served = await server.call("GET", "/manifest.xml");
    expect([served.status, served.text]).toEqual([200, built]);
  });

  test("a dev build on plain http still names https on the listening port", async () => {
    server = await startTestServer({ db: "pglite", config: { staticDir: addInFolder(root, manifest) } });
    const port = new URL(server.url).port;
    const served = await server.call("GET", "/manifest.xml");
    expect(served.text).toBe(withBaseUrl(manifest, `https://localhost:${port}`));
    expect((await server.call("HEAD", "/manifest.xml")).status).toBe(200);
  });

  test("no manifest in the add-in folder: 404", async () => {
    const dir = addInFolder(root, manifest);
    fs.rmSync(path.join(dir, "manifest.xml"));
    server = await startTestServer({ db: "pglite", config: { staticDir: dir } });
    const served = await server.call("GET", "/manifest.xml");
    expect([served.status, served.body.error.code]).toEqual([404, "not_found"]);
  });
});
