import "server-only";
import type { Redis } from "@upstash/redis";
import type { Db } from "@/lib/db";
import { timeRedis } from "./metrics";

/**
 * Readiness of this instance's dependencies, each with its status and latency. Postgres is required (it is
 * the truth: without it nothing works) → "down" and HTTP 503. Realtime and Redis are not: without Redis the
 * app limits in-process and reads Postgres; without Realtime clients fall back to polling their snapshot.
 * Either one failing makes the report "degraded" (HTTP 200: taking this instance out of a load balancer
 * would not help).
 *
 * Each check has a short timeout, and the body names no hosts, keys or connection strings — only a status,
 * a latency and a short reason (an error code such as ECONNREFUSED, or "timed out").
 */
export type DependencyHealth = {
  status: "ok" | "down" | "not_configured";
  latency_ms?: number;
  reason?: string;
};

export type HealthReport = {
  status: "ok" | "degraded" | "down";
  checked_at: string;
  dependencies: { postgres: DependencyHealth; realtime: DependencyHealth; redis: DependencyHealth };
};

export type HealthDeps = {
  /** Throws when the database is not configured. */
  db: () => Db;
  supabaseUrl: string | undefined;
  anonKey: string | undefined;
  redis: () => Redis | null;
  timeoutMs?: number;
};

export async function checkHealth(deps: HealthDeps): Promise<HealthReport> {
  const timeoutMs = deps.timeoutMs ?? 1500;
  const [postgres, realtime, redis] = await Promise.all([
    timed(timeoutMs, async () => {
      await deps.db()`select 1`;
    }),
    deps.supabaseUrl
      ? timed(timeoutMs, () => pingRealtime(deps.supabaseUrl!, deps.anonKey ?? "", timeoutMs))
      : Promise.resolve<DependencyHealth>({ status: "not_configured" }),
    checkRedis(deps.redis, timeoutMs),
  ]);
  const status =
    postgres.status !== "ok" ? "down" : realtime.status === "down" || redis.status === "down" ? "degraded" : "ok";
  return { status, checked_at: new Date().toISOString(), dependencies: { postgres, realtime, redis } };
}

/**
 * Realtime's own ping (`GET /api/ping` in supabase/realtime, `/realtime/v1/api/ping` behind the API gateway;
 * the local stack answers it too). Any answer below 500 means the service is reachable.
 */
async function pingRealtime(url: string, anonKey: string, timeoutMs: number): Promise<void> {
  const response = await fetch(`${url}/realtime/v1/api/ping`, {
    headers: { apikey: anonKey },
    signal: AbortSignal.timeout(timeoutMs),
    cache: "no-store",
  });
  await response.body?.cancel();
  if (response.status >= 500) throw Object.assign(new Error("realtime error"), { code: `HTTP ${response.status}` });
}

async function checkRedis(client: () => Redis | null, timeoutMs: number): Promise<DependencyHealth> {
  let redis: Redis | null;
  try {
    redis = client();
  } catch {
    return { status: "down", reason: "misconfigured" };
  }
  if (!redis) return { status: "not_configured" };
  return timed(timeoutMs, async () => {
    await timeRedis("ping", () => redis.ping());
  });
}

async function timed(timeoutMs: number, check: () => Promise<void>): Promise<DependencyHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError()), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return { status: "ok", latency_ms: round(performance.now() - started) };
  } catch (error) {
    return { status: "down", latency_ms: round(performance.now() - started), reason: reasonOf(error, timeoutMs) };
  } finally {
    clearTimeout(timer);
  }
}

class TimeoutError extends Error {}

// A short, safe reason: an error code (ECONNREFUSED, 28P01, HTTP 502) — never the message, which may name
// hosts or users.
function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof TimeoutError || (error instanceof Error && error.name === "TimeoutError"))
    return `timed out after ${timeoutMs} ms`;
  const code = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code;
  const causeCode = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const found = typeof code === "string" ? code : typeof causeCode === "string" ? causeCode : undefined;
  return found && /^[A-Za-z0-9_ ]{1,32}$/.test(found) ? found : "unreachable";
}

const round = (ms: number) => Math.round(ms * 10) / 10;
