import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import fc from "fast-check";
import { ROOT, startScript } from "../support/processes";
import { call } from "../support/server";

const CONTENDER = path.join(__dirname, "support", "lock-contender.ts");
const PROCESSES = 6;

/** One contender process and the lines it answered, in order. */
class Contender {
  private readonly lines: string[] = [];
  private readonly waiting: (() => void)[] = [];
  readonly child: ChildProcessWithoutNullStreams;

  constructor() {
    this.child = spawn(process.execPath, ["--import", "tsx", CONTENDER], { cwd: ROOT });
    readline.createInterface({ input: this.child.stdout }).on("line", (line) => {
      this.lines.push(line);
      for (const wake of this.waiting.splice(0)) wake();
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** Asks for the folder at `at` (epoch ms), or at once. */
  try(folder: string, at = 0): void {
    this.send(`try ${at} ${folder}`);
  }

  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** The next answer. */
  async next(): Promise<string> {
    while (this.lines.length === 0) {
      if (this.child.exitCode !== null) throw new Error(`contender ${this.pid} exited`);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    return this.lines.shift() as string;
  }
}

/** The pid of a process that has ended: a stale claim's owner. */
function goneProcessId(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-e", ""]);
    child.on("exit", () => resolve(child.pid as number));
  });
}

type Leftover = "none" | "legacy lock" | "stale ticket" | "stale choosing" | "all of them";

function leaveBehind(folder: string, leftover: Leftover, gone: number): void {
  const claims = path.join(folder, ".itfm-locks");
  fs.mkdirSync(claims, { recursive: true });
  const all = leftover === "all of them";
  if (all || leftover === "legacy lock")
    fs.writeFileSync(path.join(folder, "itfm-server.lock"), String(gone));
  if (all || leftover === "stale ticket") fs.writeFileSync(path.join(claims, `${gone}-0a1b.ticket`), "1");
  if (all || leftover === "stale choosing") fs.writeFileSync(path.join(claims, `${gone}-0c2d.choosing`), "");
  // An empty ticket file, as a crash between create and write would have left with the old lock.
  if (all) fs.writeFileSync(path.join(claims, `${gone}-0e3f.ticket`), "");
}

describe("the embedded database's folder lock", () => {
  const contenders: Contender[] = [];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "itfm-lock-"));

  beforeAll(async () => {
    for (let i = 0; i < PROCESSES; i++) contenders.push(new Contender());
    for (const contender of contenders) expect(await contender.next()).toBe("ready");
  });

  afterAll(() => {
    for (const contender of contenders) contender.send("exit");
    fs.rmSync(root, { recursive: true, force: true });
  });

  test("processes that ask at the same instant: exactly one holds it, the others are told who does", async () => {
    const gone = await goneProcessId();
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: PROCESSES }),
        fc.constantFrom<Leftover>("none", "legacy lock", "stale ticket", "stale choosing", "all of them"),
        fc.boolean(),
        async (count, leftover, heldBefore) => {
          const folder = path.join(root, `round-${round++}`);
          fs.mkdirSync(folder);
          leaveBehind(folder, leftover, gone);
          const [holder, ...rest] = contenders;
          if (heldBefore) {
            holder.try(folder);
            expect(await holder.next()).toBe("held");
          }
          const racing = heldBefore ? rest.slice(0, count) : contenders.slice(0, count);
          // Every process asks at the same instant, a little ahead, so they choose their tickets together.
          const at = Date.now() + 50;
          for (const contender of racing) contender.try(folder, at);
          const answers = await Promise.all(racing.map((contender) => contender.next()));
          const winners = racing.filter((_, i) => answers[i] === "held");
          const owner = heldBefore ? holder : winners[0];
          expect(winners.length).toBe(heldBefore ? 0 : 1);
          answers.forEach((answer, i) => {
            if (racing[i] !== owner) expect(answer).toBe(`refused ${owner.pid}`);
          });
          owner.send("release");
          expect(await owner.next()).toBe("released");
          // Nothing is left behind: not the stale claims, not the refused ones, not the holder's.
          expect(fs.readdirSync(path.join(folder, ".itfm-locks"))).toEqual([]);
          expect(fs.existsSync(path.join(folder, "itfm-server.lock"))).toBe(false);
          // And the folder is free again for the next one.
          const next = racing.find((c) => c !== owner) ?? holder;
          next.try(folder);
          expect(await next.next()).toBe("held");
          next.send("release");
          expect(await next.next()).toBe("released");
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("two services started at the same instant on one data folder", () => {
  test("one serves, the other stops at once naming it, and every acknowledged write is kept", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "itfm-twin-"));
    const env = {
      PORT: "0",
      ITFM_HOST: "127.0.0.1",
      ITFM_HTTP: "1",
      ITFM_DATA_DIR: path.join(root, "data"),
      ITFM_STATIC_DIR: path.join(root, "static"),
      ITFM_LOG_LEVEL: "warn",
      ITFM_MAX_EVENT_LOOP_DELAY_MS: "0",
      HOME: root,
    };
    const listening = /listening on (http:\/\/[^\s]+) \(bound to/;
    const services = [startScript("src/server/main.ts", env), startScript("src/server/main.ts", env)];
    try {
      const outcomes = await Promise.all(
        services.map((service) =>
          Promise.race([
            service.waitFor(listening).then((match) => ({ service, url: match[1] })),
            service.exited.then(() => ({ service, url: undefined })),
          ]),
        ),
      );
      const serving = outcomes.filter((o) => o.url !== undefined);
      const stopped = outcomes.filter((o) => o.url === undefined);
      expect(serving.length).toBe(1);
      expect(stopped.length).toBe(1);
      expect(stopped[0].service.child.exitCode).toBe(1);
      expect(stopped[0].service.output()).toContain(`is in use by process ${serving[0].service.child.pid}`);

      const url = serving[0].url as string;
      const token = fs.readFileSync(path.join(env.ITFM_DATA_DIR, "demo-token.txt"), "utf8").trim();
      const models = await call(url, "GET", "/api/v1/models", { token });
      const created = await call(url, "POST", `/api/v1/models/${models.body.models[0].id}/versions`, {
        token,
        body: { label: "Kept after a restart" },
      });
      expect(created.status).toBe(201);
      expect(await serving[0].service.stop("SIGTERM")).toBe(0);

      const again = startScript("src/server/main.ts", env);
      services.push(again);
      const [, restarted] = await again.waitFor(listening);
      const versions = await call(restarted, "GET", `/api/v1/models/${models.body.models[0].id}/versions`, {
        token,
      });
      expect(versions.body.versions.map((v: { label: string }) => v.label)).toContain("Kept after a restart");
    } finally {
      await Promise.all(services.map((service) => service.stop("SIGKILL")));
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
