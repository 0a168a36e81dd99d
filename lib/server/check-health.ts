import "server-only";
import { serverEnv } from "@/lib/env";
import { checkHealth, type HealthReport } from "@/lib/observability/health";
import { redis } from "@/lib/redis/client";
import { appDb } from "./db";

/**
 * This instance's readiness (lib/observability/health.ts), cached for 2 s: a load balancer, an uptime
 * monitor and a dashboard polling every few seconds cost at most one round of checks per 2 s.
 */
const TTL_MS = 2_000;
const holder = globalThis as typeof globalThis & { __pubquizHealth?: { at: number; report: Promise<HealthReport> } };

export function checkReadiness(): Promise<HealthReport> {
  const cached = holder.__pubquizHealth;
  if (cached && Date.now() - cached.at < TTL_MS) return cached.report;
  const report = checkHealth({
    db: appDb,
    supabaseUrl: configured()?.NEXT_PUBLIC_SUPABASE_URL,
    anonKey: configured()?.NEXT_PUBLIC_SUPABASE_ANON_KEY,
    redis,
  });
  holder.__pubquizHealth = { at: Date.now(), report };
  return report;
}

/** Forgets the cached report (tests that change a dependency between checks). */
export function resetReadinessCache(): void {
  holder.__pubquizHealth = undefined;
}

function configured() {
  try {
    return serverEnv();
  } catch {
    return undefined;
  }
}
