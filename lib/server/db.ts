import "server-only";
import { createDb, observeGameCalls, type Db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";

// One pool per server instance. Kept on globalThis so Next's dev-mode module reloads do not leak pools.
const holder = globalThis as typeof globalThis & { __pubquizDb?: Db };

export function appDb(): Db {
  if (!holder.__pubquizDb) {
    const env = serverEnv();
    holder.__pubquizDb = createDb(env.DATABASE_URL, { max: env.DATABASE_POOL_SIZE, prepare: env.DATABASE_PREPARE });
    metrics().dbPoolSize.set(env.DATABASE_POOL_SIZE);
  }
  // Set on every call: a dev-mode reload of lib/db forgets it, the pool on globalThis does not.
  observeGameCalls(observeGameCall);
  return holder.__pubquizDb;
}

// Metrics for every game.* call, and a debug line carrying the request id (LOG_LEVEL=debug).
function observeGameCall(fn: string) {
  const m = metrics();
  m.dbInFlight.inc();
  const stop = m.dbQuery.startTimer({ fn });
  return (outcome: "ok" | "rule" | "error") => {
    m.dbInFlight.dec();
    const seconds = stop({ outcome });
    logger().debug({ fn, outcome, ms: Math.round(seconds * 10_000) / 10 }, "game call");
  };
}
