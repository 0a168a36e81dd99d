import type { Sql } from "./database";
import type { Logger } from "../log";

/**
 * PGlite runs Postgres in single-user mode: no checkpointer process, so nothing ever checkpoints, the WAL
 * grows without bound (in memory with `memory://`: 16 MB per segment, ~48 MB per 2,000-player game) and every
 * new segment is a fresh file. The stack plays the checkpointer: when the WAL has grown by `walBytes` since the
 * last checkpoint, it runs CHECKPOINT, after which Postgres recycles old segments (a rename) instead of
 * creating new ones, and keeps at most min_wal_size of them.
 */
export function startPgliteCheckpointer(
  sql: Sql,
  log: Logger,
  options: { everyMs?: number; walBytes?: number } = {},
): { stop(): void; checkpoints(): number } {
  const everyMs = options.everyMs ?? 5_000;
  const walBytes = BigInt(options.walBytes ?? 32 * 1024 * 1024);
  let lastLsn: bigint | null = null;
  let count = 0;
  let running = false;

  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const [row] = await sql<{ lsn: string }[]>`select (pg_current_wal_insert_lsn() - '0/0')::text as lsn`;
      const lsn = BigInt(row!.lsn);
      if (lastLsn === null) lastLsn = lsn;
      else if (lsn - lastLsn >= walBytes) {
        const started = performance.now();
        await sql`checkpoint`;
        count += 1;
        lastLsn = lsn;
        log.debug("pglite checkpoint", { ms: Math.round(performance.now() - started) });
      }
    } catch (error) {
      // The socket restarting (fault tests) or the stack stopping: the next tick tries again.
      log.debug("pglite checkpoint skipped", { error: String(error) });
    } finally {
      running = false;
    }
  };

  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), checkpoints: () => count };
}
