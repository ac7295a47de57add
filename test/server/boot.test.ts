import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { type RunningProcess, startScript } from "../support/processes";
import { type DatabaseKind, call, describeEachDatabase, newPostgresDatabaseUrl } from "../support/server";

const MAIN = "src/server/main.ts";
const LISTENING = /listening on (https?:\/\/[^\s]+) \(bound to/;

/** A few files standing in for the built add-in (dist/). */
function addInFiles(dir: string): void {
  fs.mkdirSync(path.join(dir, "assets"), { recursive: true });
  fs.writeFileSync(path.join(dir, "taskpane.html"), "<!doctype html><title>ITFM task pane</title>");
  fs.writeFileSync(path.join(dir, "functions.js"), "CustomFunctions.associate('COST', () => 0);");
  fs.writeFileSync(path.join(dir, "functions.json"), '{"functions":[]}');
  fs.writeFileSync(path.join(dir, "manifest.xml"), "<OfficeApp/>");
  fs.writeFileSync(path.join(dir, "assets", "icon-32.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
}

function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, servername: "localhost" }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

describeEachDatabase("npm start", (kind: DatabaseKind) => {
  let root: string;
  let env: Record<string, string>;
  let running: RunningProcess | undefined;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "itfm-boot-"));
    addInFiles(path.join(root, "static"));
    env = {
      PORT: "0",
      ITFM_HOST: "127.0.0.1",
      ITFM_DATA_DIR: path.join(root, "data"),
      ITFM_STATIC_DIR: path.join(root, "static"),
      ITFM_LOG_LEVEL: "warn",
      HOME: path.join(root, "home"),
    };
    if (kind === "postgres") env.DATABASE_URL = await newPostgresDatabaseUrl();
  });

  afterEach(async () => {
    await running?.stop("SIGKILL");
    running = undefined;
  });

  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  test("first start: seeds the demo, prints its token once, serves the API, its document and the add-in", async () => {
    running = startScript(MAIN, { ...env, ITFM_HTTP: "1" });
    const [, url] = await running.waitFor(LISTENING);
    const output = running.output();
    const token = output.match(/^ {2}(itfm_[A-Za-z0-9_-]{43})$/m)![1];
    const tokenFile = path.join(env.ITFM_DATA_DIR, "demo-token.txt");
    expect(output).toContain(`It is also saved, readable only by you, in ${tokenFile}`);
    expect(fs.readFileSync(tokenFile, "utf8").trim()).toBe(token);
    expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(output).toContain(
      kind === "pglite"
        ? `Data: embedded PGlite database in ${env.ITFM_DATA_DIR}`
        : `Data: PostgreSQL database ${new URL(env.DATABASE_URL).pathname.slice(1)} on 127.0.0.1:`,
    );

    expect((await call(url, "GET", "/healthz")).body).toEqual({ status: "ok", database: kind });
    expect((await call(url, "GET", "/api/v1/openapi.json")).status).toBe(401);
    const document = await call(url, "GET", "/api/v1/openapi.json", { token });
    expect(document.body.paths["/api/v1/query"].post).toBeDefined();
    for (const [file, type] of [
      ["/taskpane.html", "text/html"],
      ["/", "text/html"],
      ["/functions.js", "javascript"],
      ["/functions.json", "application/json"],
      ["/manifest.xml", "xml"],
      ["/assets/icon-32.png", "image/png"],
    ]) {
      const response = await call(url, "GET", file);
      expect([file, response.status, response.headers.get("content-type")]).toEqual([
        file,
        200,
        expect.stringContaining(type),
      ]);
    }
    expect((await call(url, "GET", "/taskpane.html")).text).toContain("ITFM task pane");
    const outside = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get(`${url}/`, { path: "/../package.json" }, (r) => {
          let body = "";
          r.on("data", (chunk: Buffer) => (body += chunk.toString()));
          r.on("end", () => resolve({ status: r.statusCode ?? 0, body }));
        })
        .on("error", reject);
    });
    expect([403, 404]).toContain(outside.status);
    expect(outside.body).not.toContain("itfm-excel");
    expect(JSON.parse(outside.body).error.code).toMatch(/^(forbidden|not_found)$/);

    const me = await call(url, "GET", "/api/v1/me", { token });
    expect(me.body).toMatchObject({
      tenant: { name: "Demo" },
      user: { email: "demo-admin@example.com" },
      role: "admin",
    });
    const models = await call(url, "GET", "/api/v1/models", { token });
    expect(models.body.models.map((m: { name: string }) => m.name)).toEqual(["ITFM Demo"]);
    const versions = await call(url, "GET", `/api/v1/models/${models.body.models[0].id}/versions`, { token });
    expect(versions.body.versions.map((v: { status: string }) => v.status).sort()).toEqual([
      "draft",
      "published",
    ]);

    expect(await running.stop("SIGTERM")).toBe(0);
    expect(running.output()).toContain("SIGTERM: stopping");
    if (kind === "pglite") expect(fs.readdirSync(path.join(env.ITFM_DATA_DIR, ".itfm-locks"))).toEqual([]);
  });

  test("a restart over https keeps the data, prints no new token and serves with the dev certificate", async () => {
    const token = fs.readFileSync(path.join(env.ITFM_DATA_DIR, "demo-token.txt"), "utf8").trim();
    running = startScript(MAIN, env);
    const [, url] = await running.waitFor(LISTENING);
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(running.output()).not.toMatch(/itfm_[A-Za-z0-9_-]{43}/);
    expect(running.output()).not.toContain("demo model");

    const ca = fs.readFileSync(path.join(env.HOME, ".office-addin-dev-certs", "ca.crt"));
    const health = await httpsGet(`${url}/healthz`, ca);
    expect(health.status).toBe(200);
    const me = await new Promise<number>((resolve, reject) => {
      https
        .get(
          `${url}/api/v1/me`,
          { ca, servername: "localhost", headers: { authorization: `Bearer ${token}` } },
          (r) => {
            r.resume();
            resolve(r.statusCode ?? 0);
          },
        )
        .on("error", reject);
    });
    expect(me).toBe(200);
    expect(await running.stop("SIGINT")).toBe(0);
  });
});
