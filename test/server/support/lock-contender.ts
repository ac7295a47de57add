/**
 * A process that contends for data folders on command, for the lock's property test. Lines on stdin:
 * "try <epoch ms> <folder>" (at that instant; answers "held" or "refused <pid>"), "release"
 * (answers "released"), "exit".
 */
import readline from "node:readline";
import { lockDataDir } from "../../../src/server/db/data-dir-lock";

let release: (() => void) | undefined;
const say = (line: string) => process.stdout.write(`${line}\n`);

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const [command, ...rest] = line.split(" ");
  if (command === "try") {
    const [at, ...folder] = rest;
    // Spinning to the agreed instant lines the processes up closer than a timer would.
    while (Date.now() < Number(at));
    Promise.resolve()
      .then(() => lockDataDir(folder.join(" ")))
      .then(
        (held) => {
          release = held;
          say("held");
        },
        (error: Error) => say(`refused ${/process (\d+)/.exec(error.message)?.[1] ?? error.message}`),
      );
  } else if (command === "release") {
    release?.();
    release = undefined;
    say("released");
  } else if (command === "exit") {
    process.exit(0);
  }
});
say("ready");
