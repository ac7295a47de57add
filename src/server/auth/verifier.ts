import type { Role } from "../../contract/api";
import type { Sql } from "../db";
import { findValidToken } from "../store/tokens";
import { TOKEN_PREFIX, hashToken } from "./tokens";

export interface AuthContext {
  tenantId: string;
  userId: string;
  role: Role;
  tokenId: string;
}

interface Verified {
  auth: AuthContext;
  expiresAt: number;
}

interface CacheEntry {
  cachedAt: number;
  verified: Promise<Verified | null>;
}

const MAX_ENTRIES = 10_000;

/**
 * Checks bearer tokens against the database and keeps each verified token in memory for `ttlMs`, so a
 * busy client costs one look-up per TTL instead of one per request. Consequence: a revocation made by
 * another process (the admin command line, another instance) takes effect within that TTL; one made
 * through this process's API takes effect at once.
 */
export class TokenVerifier {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly sql: Sql,
    private readonly ttlMs: number,
    private readonly maxEntries: number = MAX_ENTRIES,
  ) {}

  async verify(token: string): Promise<AuthContext | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const hash = hashToken(token);
    const now = Date.now();
    let entry = this.cache.get(hash);
    if (entry === undefined || now - entry.cachedAt >= this.ttlMs) {
      entry = { cachedAt: now, verified: this.lookUp(hash) };
      this.remember(hash, entry);
    }
    let verified: Verified | null;
    try {
      verified = await entry.verified;
    } catch (error) {
      this.cache.delete(hash);
      throw error;
    }
    if (verified === null) {
      this.cache.delete(hash);
      return null;
    }
    return verified.expiresAt > Date.now() ? verified.auth : null;
  }

  /** Drops a token from the cache, so its revocation takes effect at once in this process. */
  forget(tokenId: string): void {
    for (const [hash, entry] of this.cache) {
      void entry.verified.then(
        (verified) => {
          if (verified?.auth.tokenId === tokenId && this.cache.get(hash) === entry) this.cache.delete(hash);
        },
        () => undefined,
      );
    }
  }

  private remember(hash: string, entry: CacheEntry): void {
    if (this.ttlMs <= 0) return;
    this.cache.delete(hash);
    if (this.cache.size >= this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(hash, entry);
  }

  private async lookUp(hash: string): Promise<Verified | null> {
    const token = await findValidToken(this.sql, hash);
    if (token === undefined) return null;
    const { tokenId, tenantId, userId, role, expiresAt } = token;
    return {
      auth: { tenantId, userId, role, tokenId },
      expiresAt: expiresAt === null ? Number.POSITIVE_INFINITY : new Date(expiresAt).getTime(),
    };
  }
}
