import fs from "node:fs";
import path from "node:path";

const LOCK_FILE = "itfm-server.lock";

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The data folder ${dataDir} is in use by process ${pid} (a running server or admin command). ` +
        "The embedded database serves one process at a time: stop that process first, or run the service " +
        `on PostgreSQL (DATABASE_URL) to share one database. If no such process runs, delete ${path.join(dataDir, LOCK_FILE)}.`,
    );
    this.name = "DataDirInUseError";
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const heldHere = new Set<string>();

/**
 * Claims the embedded database's folder for this process: two processes writing one PGlite folder would
 * corrupt it. A lock left by a process that no longer runs is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(dataDir, LOCK_FILE);
  if (heldHere.has(lockPath)) throw new DataDirInUseError(dataDir, process.pid);
  fs.mkdirSync(dataDir, { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(lockPath, "utf8").trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
        throw new DataDirInUseError(dataDir, owner);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  heldHere.add(lockPath);
  return () => {
    heldHere.delete(lockPath);
    fs.rmSync(lockPath, { force: true });
  };
}
