import "server-only";
import { metrics, recordRateLimitRejection } from "@/lib/observability/metrics";
import { redis } from "@/lib/redis/client";
import { checkRateLimit, type RateLimitPolicy } from "@/lib/redis/rate-limit";
import { AppError } from "./errors";

/** Throws a 429 with Retry-After when `identifier` has spent its budget under `policy`. */
export async function enforceRateLimit(policy: RateLimitPolicy, identifier: string): Promise<void> {
  const started = performance.now();
  const result = await checkRateLimit(policy, identifier);
  // Only checks that went to Redis time Redis (the in-process fallback costs microseconds).
  if (redis())
    metrics().redisDuration.observe(
      { op: "ratelimit", outcome: result.degraded ? "fallback" : "ok" },
      (performance.now() - started) / 1000,
    );
  if (result.success) return;
  recordRateLimitRejection(policy);
  const retryAfter = Math.max(1, Math.ceil((result.reset - Date.now()) / 1000));
  throw new AppError("rate_limited", `Too many requests: try again in ${retryAfter} s.`, {
    "retry-after": String(retryAfter),
  });
}

/** The client's address as the platform reports it (Vercel and most proxies set x-forwarded-for). */
export function clientIp(req: Request): string {
  return req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || req.headers.get("x-real-ip") || "local";
}
