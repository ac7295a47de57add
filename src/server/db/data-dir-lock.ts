import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** The folder of claims, one file per process that wants the data folder. */
export const CLAIMS_DIR = ".itfm-locks";
/** The single lock file of earlier versions; one left behind by a process that has gone is removed. */
const LEGACY_LOCK_FILE = "itfm-server.lock";
/** Choosing a ticket takes a few file operations; a claimant still choosing after this is treated as a holder. */
const CHOOSING_PATIENCE_MS = 10_000;
const POLL_MS = 5;

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The data folder ${dataDir} is in use by process ${pid} (a running server or admin command). ` +
        "The embedded database serves one process at a time: stop that process first, or run the service " +
        `on PostgreSQL (DATABASE_URL) to share one database. If no such process runs, delete ${path.join(dataDir, CLAIMS_DIR)}.`,
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

/** Writes a file whole or not at all: a reader never sees it empty or half written. */
function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  fs.writeFileSync(temporary, content, { flag: "wx" });
  fs.renameSync(temporary, file);
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

type ClaimKind = "choosing" | "ticket" | "held";
const CLAIM_KINDS: readonly ClaimKind[] = ["choosing", "ticket", "held"];

interface Claim {
  id: string;
  pid: number;
  choosing: boolean;
  held: boolean;
  ticket?: number;
}

/**
 * Claim files are `<pid>-<random>.choosing` (picking a ticket), `.ticket` (its number) and `.held`
 * (it has the folder).
 */
function readClaims(claimsDir: string): Claim[] {
  const claims = new Map<string, Claim>();
  for (const name of fs.readdirSync(claimsDir)) {
    const match = /^((\d+)-[0-9a-f]+)\.(choosing|ticket|held)$/.exec(name);
    if (match === null) continue;
    const [, id, pid, kind] = match;
    const claim = claims.get(id) ?? { id, pid: Number(pid), choosing: false, held: false };
    if (kind === "choosing") claim.choosing = true;
    else if (kind === "held") claim.held = true;
    else {
      const ticket = Number(readOrNull(path.join(claimsDir, name)));
      if (Number.isSafeInteger(ticket) && ticket > 0) claim.ticket = ticket;
    }
    claims.set(id, claim);
  }
  return [...claims.values()];
}

function removeClaim(claimsDir: string, id: string): void {
  for (const kind of CLAIM_KINDS) fs.rmSync(path.join(claimsDir, `${id}.${kind}`), { force: true });
}

/** A lock file of an earlier version: a live owner holds the folder; a gone one's file is removed. */
function checkLegacyLock(dataDir: string): void {
  const file = path.join(dataDir, LEGACY_LOCK_FILE);
  const text = readOrNull(file);
  if (text === null) return;
  const owner = Number(text.trim());
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
    throw new DataDirInUseError(dataDir, owner);
  }
  fs.rmSync(file, { force: true });
}

/** Polls a live claimant until `settled` says its claim is settled, it has gone, or patience runs out. */
async function watchClaim(
  claimsDir: string,
  id: string,
  settled: (claim: Claim) => boolean,
): Promise<Claim | undefined> {
  const deadline = Date.now() + CHOOSING_PATIENCE_MS;
  for (;;) {
    const current = readClaims(claimsDir).find((c) => c.id === id);
    if (current === undefined || !isRunning(current.pid)) return undefined;
    if (settled(current) || Date.now() > deadline) return current;
    await sleep(POLL_MS);
  }
}

/**
 * Whether another claimant keeps this one out: once it has its ticket, a lower one (ties: the lower
 * id) goes first. Such a claimant either takes the folder or withdraws; this waits to see which.
 */
async function keepsOut(claimsDir: string, other: Claim, ticket: number, id: string): Promise<boolean> {
  const chosen = await watchClaim(claimsDir, other.id, (c) => !c.choosing);
  if (chosen === undefined) return false;
  if (chosen.choosing) return true;
  const first =
    chosen.ticket !== undefined && (chosen.ticket < ticket || (chosen.ticket === ticket && chosen.id < id));
  if (!first) return false;
  const decided = await watchClaim(claimsDir, other.id, (c) => c.held);
  return decided !== undefined;
}

const heldHere = new Set<string>();

/**
 * Claims the embedded database's folder for this process: two processes writing one PGlite folder would
 * corrupt it. It is Lamport's bakery: each claimant announces it is choosing, takes a ticket one above
 * every ticket it sees, then yields to any live claimant with a lower ticket (ties: the lower id) that
 * goes on to hold the folder. Each
 * claim file is written whole by one process only, so no check-then-act race can let two processes
 * in; the claims of processes that no longer run are ignored and cleared. Returns the release function.
 */
export async function lockDataDir(dataDir: string): Promise<() => void> {
  const key = path.resolve(dataDir);
  if (heldHere.has(key)) throw new DataDirInUseError(dataDir, process.pid);
  const claimsDir = path.join(dataDir, CLAIMS_DIR);
  fs.mkdirSync(claimsDir, { recursive: true });
  checkLegacyLock(dataDir);
  const id = `${process.pid}-${randomBytes(8).toString("hex")}`;
  const file = (kind: ClaimKind) => path.join(claimsDir, `${id}.${kind}`);
  try {
    writeAtomically(file("choosing"), "");
    const others = readClaims(claimsDir).filter((c) => c.id !== id);
    const ticket = 1 + others.reduce((most, c) => Math.max(most, c.ticket ?? 0), 0);
    writeAtomically(file("ticket"), String(ticket));
    fs.rmSync(file("choosing"));
    for (const other of readClaims(claimsDir)) {
      if (other.id === id) continue;
      if (!isRunning(other.pid)) removeClaim(claimsDir, other.id);
      else if (await keepsOut(claimsDir, other, ticket, id)) throw new DataDirInUseError(dataDir, other.pid);
    }
    writeAtomically(file("held"), "");
  } catch (error) {
    removeClaim(claimsDir, id);
    throw error;
  }
  heldHere.add(key);
  return () => {
    heldHere.delete(key);
    removeClaim(claimsDir, id);
  };
}
