import "server-only";
import { Ratelimit, type Duration } from "@upstash/ratelimit";
import { serverEnv } from "@/lib/env";
import { redis } from "./client";
import { redisKeys } from "./keys";
import { MemoryLimiter } from "./memory-limiter";

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
export type RateLimitResult = { success: boolean; remaining: number; reset: number; degraded: boolean };

// How long a limit check may wait for Redis before letting the request through (documented degradation).
const REDIS_TIMEOUT_MS = 300;

const upstashLimiters = new Map<RateLimitPolicy, Ratelimit>();
const memoryLimiters = new Map<RateLimitPolicy, MemoryLimiter>();

export async function checkRateLimit(policy: RateLimitPolicy, identifier: string): Promise<RateLimitResult> {
  const client = redis();
  if (client) {
    try {
      const result = await upstashLimiter(policy).limit(identifier);
      // "timeout" means Redis did not answer in time: fall back to this instance's own count.
      if (result.reason !== "timeout") {
        return { success: result.success, remaining: result.remaining, reset: result.reset, degraded: false };
      }
    } catch {
      // Redis unreachable: fall through to the in-process limiter.
    }
  }
  return { ...memoryLimiter(policy).limit(identifier), degraded: client !== null };
}

/**
 * Whether `identifier` has budget left under `policy`, without spending any: for budgets that only failures
 * spend (wrong PINs), checked before the attempt so that an exhausted budget stops the next guess too.
 */
export async function peekRateLimit(
  policy: RateLimitPolicy,
  identifier: string,
): Promise<{ remaining: number; reset: number }> {
  if (redis()) {
    try {
      const { remaining, reset } = await withTimeout(upstashLimiter(policy).getRemaining(identifier));
      return { remaining, reset };
    } catch {
      // Redis unreachable or slow: this instance's own count, as for `checkRateLimit`.
    }
  }
  return memoryLimiter(policy).peek(identifier);
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("redis timeout")), REDIS_TIMEOUT_MS).unref()),
  ]);
}

function budget(policy: RateLimitPolicy): { tokens: number; window: Duration; windowMs: number } {
  const { tokens, window } = rateLimitPolicies[policy];
  const scaled = Math.max(1, Math.round(tokens * serverEnv().RATE_LIMIT_SCALE));
  return { tokens: scaled, window, windowMs: Number.parseInt(window, 10) * 1000 };
}

function upstashLimiter(policy: RateLimitPolicy): Ratelimit {
  let limiter = upstashLimiters.get(policy);
  if (!limiter) {
    const { tokens, window } = budget(policy);
    limiter = new Ratelimit({
      redis: redis()!,
      limiter: Ratelimit.fixedWindow(tokens, window),
      prefix: `${redisKeys.rateLimitPrefix}:${policy}`,
      timeout: REDIS_TIMEOUT_MS,
      analytics: false,
    });
    upstashLimiters.set(policy, limiter);
  }
  return limiter;
}

function memoryLimiter(policy: RateLimitPolicy): MemoryLimiter {
  let limiter = memoryLimiters.get(policy);
  if (!limiter) {
    const { tokens, windowMs } = budget(policy);
    limiter = new MemoryLimiter(tokens, windowMs);
    memoryLimiters.set(policy, limiter);
  }
  return limiter;
}
