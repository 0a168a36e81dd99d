import "server-only";
import { Ratelimit, type Duration } from "@upstash/ratelimit";
import { serverEnv } from "@/lib/env";
import { redis } from "./client";
import { redisKeys } from "./keys";
import { metrics } from "@/lib/observability/metrics";
import { runAfterResponse } from "@/lib/server/after-response";
import { SharedLimiter, type RemoteCounter } from "./shared-limiter";

/**
 * Rate-limit policies: one row per thing worth limiting. Budgets are per window and per identifier (an IP,
 * a session, a participant, a host). A pub's players often share one public IP behind the pub's Wi-Fi, so
 * per-IP budgets are generous and per-identity ones are tight. RATE_LIMIT_SCALE multiplies every budget
 * (load tests from a single machine raise it).
 */
export const rateLimitPolicies = {
  signIn: { tokens: 20, window: "60 s" },
  joinPerIp: { tokens: 600, window: "60 s" },
  joinPerSession: { tokens: 3000, window: "60 s" },
  joinPerUser: { tokens: 20, window: "60 s" },
  wrongPinPerIp: { tokens: 30, window: "300 s" },
  answerPerParticipant: { tokens: 12, window: "10 s" },
  hostAction: { tokens: 300, window: "60 s" },
} as const satisfies Record<string, { tokens: number; window: Duration }>;

export type RateLimitPolicy = keyof typeof rateLimitPolicies;
export type RateLimitResult = { success: boolean; remaining: number; reset: number };

// How long a background reconciliation may wait for Redis before giving up on that report.
const REDIS_TIMEOUT_MS = 300;

// On globalThis: the App Router's routes and the Pages Router's (join, snapshot, answers) are separate bundles,
// each with its own copy of this module, and a budget must be one whichever route spends it: joins and PIN
// lookups spend the same wrong-PIN budget of an address.
const holder = globalThis as typeof globalThis & { __pubquizRateLimiters?: Map<RateLimitPolicy, SharedLimiter> };
const limiters = (holder.__pubquizRateLimiters ??= new Map<RateLimitPolicy, SharedLimiter>());

/**
 * Spends one token of `identifier` under `policy`. Decided in process (see SharedLimiter): Redis, when
 * configured, reconciles the count across instances in the background, so no request waits for it.
 */
export function checkRateLimit(policy: RateLimitPolicy, identifier: string): RateLimitResult {
  return limiter(policy).limit(identifier);
}

/**
 * Whether `identifier` has budget left under `policy`, without spending any: for budgets that only failures
 * spend (wrong PINs), checked before the attempt so that an exhausted budget stops the next guess too.
 */
export function peekRateLimit(policy: RateLimitPolicy, identifier: string): { remaining: number; reset: number } {
  return limiter(policy).peek(identifier);
}

function limiter(policy: RateLimitPolicy): SharedLimiter {
  let limiter = limiters.get(policy);
  if (!limiter) {
    const { tokens, window } = rateLimitPolicies[policy];
    const scaled = Math.max(1, Math.round(tokens * serverEnv().RATE_LIMIT_SCALE));
    const windowMs = Number.parseInt(window, 10) * 1000;
    limiter = new SharedLimiter(scaled, windowMs, remoteCounter(policy, scaled, window), runAfterResponse);
    limiters.set(policy, limiter);
  }
  return limiter;
}

/** The deployment-wide count in Upstash (@upstash/ratelimit's fixed window), timed for the metrics. */
function remoteCounter(policy: RateLimitPolicy, tokens: number, window: Duration): RemoteCounter | null {
  const client = redis();
  if (!client) return null;
  const ratelimit = new Ratelimit({
    redis: client,
    limiter: Ratelimit.fixedWindow(tokens, window),
    prefix: `${redisKeys.rateLimitPrefix}:${policy}`,
    timeout: REDIS_TIMEOUT_MS,
    analytics: false,
  });
  return async (identifier, rate) => {
    const started = performance.now();
    const result = await ratelimit.limit(identifier, { rate }).catch(() => null);
    // "timeout": Redis did not answer in time; @upstash/ratelimit then lets the request through.
    const outcome = !result || result.reason === "timeout" ? "fallback" : "ok";
    metrics().redisDuration.observe({ op: "ratelimit", outcome }, (performance.now() - started) / 1000);
    if (outcome === "fallback") throw new Error("redis unavailable");
    return { success: result!.success, reset: result!.reset };
  };
}
