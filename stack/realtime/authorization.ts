import type { JSONValue, TransactionSql } from "postgres";
import type { VerifiedClaims } from "../keys";
import type { Logger } from "../log";
import type { Sql } from "../postgres/database";
import type { RealtimeStats } from "./stats";

/**
 * Private-channel authorization: RLS on `realtime.messages`, checked the way Supabase Realtime does it
 * (reference A.13, `Realtime.Tenants.Authorization`), always in a transaction that is rolled back.
 *
 * Read checks (one per private join) are batched: requests that arrive while a check is running are
 * answered together in the next transaction, by one call of `stack_realtime.read_policies` (bootstrap.sql),
 * which does for each request what Supabase does — probe rows, its own role/claims GUCs, its own SELECT.
 * A join wave of 2,000 channels costs ten statements instead of 4,000.
 */

export type AuthContext = { topic: string; claims: VerifiedClaims };
export type ReadResult = { broadcast: boolean; presence: boolean | null };
export type WriteResult = { broadcast: boolean; presence: boolean };

/**
 * Roles a token may switch to. The stack's connection is a superuser, so a (validly signed) token that
 * claimed `postgres` would otherwise run its policy checks with RLS bypassed.
 */
const SWITCHABLE_ROLES = new Set(["anon", "authenticated", "service_role"]);

/**
 * SQLSTATEs that mean "another connection's statement took our unnamed statement/portal". pglite-socket runs
 * all connections on one PGlite session; database.ts now keeps each extended-query exchange together, so
 * this is a defensive retry only. Safe: these transactions change nothing.
 */
const INTERLEAVING_ERRORS = new Set(["26000", "34000", "08P01"]);
const MAX_ATTEMPTS = 3;
const MAX_READ_BATCH = 50;
/**
 * Probe rows are rolled back, but each leaves a dead tuple behind, and PGlite has no autovacuum: vacuum
 * realtime.messages after this many probes so a long-running box does not bloat (real Postgres vacuums
 * by itself).
 */
const PROBES_PER_VACUUM = 20_000;

type ReadRequest = {
  ctx: AuthContext;
  presence: boolean;
  resolve(result: ReadResult): void;
};

class Rollback extends Error {}

export class RlsAuthorizer {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly reads: ReadRequest[] = [];
  private readPumps = 0;
  private probesSinceVacuum = 0;

  constructor(
    private readonly sql: Sql,
    private readonly stats: RealtimeStats,
    private readonly log: Logger,
    /**
     * Transactions in flight at once. PGlite executes one statement at a time anyway, and running ours
     * one after another keeps them from interleaving with each other on its shared session (see above).
     */
    private readonly concurrency: number,
    /** Vacuum realtime.messages now and then (PGlite only). */
    private readonly vacuum: boolean,
  ) {}

  /**
   * Read policies at join (and on access_token refresh): insert probe rows for `broadcast` (and `presence`
   * when presence is enabled) as the privileged connection, switch to the caller's role and claims, and see
   * which probe rows the SELECT policies let through.
   */
  read(ctx: AuthContext, presence: boolean): Promise<ReadResult> {
    const role = ctx.claims.role;
    if (role === "service_role") return Promise.resolve({ broadcast: true, presence: presence ? true : null });
    if (!SWITCHABLE_ROLES.has(role)) return Promise.resolve({ broadcast: false, presence: presence ? false : null });
    return new Promise((resolve) => {
      this.reads.push({ ctx, presence, resolve });
      if (this.readPumps < this.concurrency) void this.pumpReads();
    });
  }

  private async pumpReads(): Promise<void> {
    this.readPumps++;
    try {
      while (this.reads.length > 0) {
        const batch = this.reads.splice(0, MAX_READ_BATCH);
        const results = await this.readBatch(batch)
          .catch(async (error: unknown) => {
            // One failing policy aborts the shared transaction: redo the batch one request at a time.
            if (batch.length === 1) throw error;
            return Promise.all(
              batch.map((r) =>
                this.readBatch([r]).then(
                  (res) => res[0]!,
                  (e: unknown) => this.denied(r, e),
                ),
              ),
            );
          })
          .catch((error: unknown) => batch.map((r) => this.denied(r, error)));
        batch.forEach((r, i) => r.resolve(results[i]!));
        this.probesSinceVacuum += batch.reduce((n, r) => n + (r.presence ? 2 : 1), 0);
        if (this.vacuum && this.probesSinceVacuum >= PROBES_PER_VACUUM) await this.vacuumMessages();
      }
    } finally {
      this.readPumps--;
    }
  }

  private async vacuumMessages(): Promise<void> {
    this.probesSinceVacuum = 0;
    await this.acquire();
    try {
      await this.sql.unsafe("vacuum realtime.messages");
    } catch (error) {
      this.log.error("realtime: vacuum of realtime.messages failed", { error: String(error) });
    } finally {
      this.release();
    }
  }

  /** Supabase answers a failing policy (e.g. an error raised inside it) with "Unauthorized", not a crash. */
  private denied(r: ReadRequest, error: unknown): ReadResult {
    this.log.error("realtime read policy check failed", { topic: r.ctx.topic, error: String(error) });
    return { broadcast: false, presence: r.presence ? false : null };
  }

  /** One statement for the whole batch: stack_realtime.read_policies (bootstrap.sql) probes each in turn. */
  private readBatch(batch: ReadRequest[]): Promise<ReadResult[]> {
    // Claims are verified JWT payloads: JSON by construction.
    const requests = batch.map((r) => ({
      topic: r.ctx.topic,
      claims: r.ctx.claims as JSONValue,
      presence: r.presence,
    }));
    return this.rolledBack(async (tx) => {
      const rows = await tx<{ idx: number; broadcast: boolean; presence: boolean | null }[]>`
        select idx, broadcast, presence from stack_realtime.read_policies(${tx.json(requests)})`;
      const byIndex = new Map(rows.map((row) => [row.idx, row]));
      return batch.map((r, i) => {
        const row = byIndex.get(i + 1);
        if (!row) throw new Error("authorization: no result for a request of the batch");
        return { broadcast: row.broadcast, presence: r.presence ? row.presence === true : null };
      });
    });
  }

  /**
   * Write policies, checked lazily on the first send/track: INSERT a row per extension under a savepoint;
   * SQLSTATE 42501 (RLS WITH CHECK failed) means no.
   */
  async write(ctx: AuthContext): Promise<WriteResult> {
    const role = ctx.claims.role;
    if (role === "service_role") return { broadcast: true, presence: true };
    if (!SWITCHABLE_ROLES.has(role)) return { broadcast: false, presence: false };
    try {
      return await this.rolledBack(async (tx) => {
        await setClaims(tx, ctx);
        const canInsert = async (extension: string) => {
          try {
            await tx.savepoint(
              (sp) => sp`insert into realtime.messages (topic, extension) values (${ctx.topic}, ${extension})`,
            );
            return true;
          } catch (error) {
            if ((error as { code?: string }).code === "42501") return false;
            throw error;
          }
        };
        return { broadcast: await canInsert("broadcast"), presence: await canInsert("presence") };
      });
    } catch (error) {
      this.log.error("realtime write policy check failed", { topic: ctx.topic, error: String(error) });
      return { broadcast: false, presence: false };
    }
  }

  /** Runs `fn` in a transaction that is always rolled back, within the concurrency limit, with retries. */
  private async rolledBack<T>(fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.once(fn);
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (attempt >= MAX_ATTEMPTS || !code || !INTERLEAVING_ERRORS.has(code)) throw error;
        }
      }
    } finally {
      this.release();
    }
  }

  private async once<T>(fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
    this.stats.authorizationQueries++;
    let result: T | undefined;
    let done = false;
    try {
      await this.sql.begin(async (tx) => {
        result = await fn(tx);
        done = true;
        throw new Rollback();
      });
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }
    if (!done) throw new Error("authorization transaction did not complete");
    return result as T;
  }

  private acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

/** The GUCs Supabase sets before a policy check: stack_realtime.set_claims (bootstrap.sql) is their one home. */
async function setClaims(tx: TransactionSql, ctx: AuthContext): Promise<void> {
  await tx`select stack_realtime.set_claims(${ctx.topic}, ${JSON.stringify(ctx.claims)}::text::jsonb)`;
}
