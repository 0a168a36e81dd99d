import "server-only";
import { serverEnv } from "@/lib/env";
import { recordRateLimitRejection } from "@/lib/observability/metrics";
import { checkRateLimit, peekRateLimit, type RateLimitPolicy } from "@/lib/redis/rate-limit";
import type { IncomingMessage } from "node:http";
import { clientIpFrom, nodeHeaders } from "./client-ip";
import { AppError } from "./errors";

/**
 * Throws a 429 with Retry-After when `identifier` has spent its budget under `policy`. Decided in process,
 * without waiting for Redis (lib/redis/shared-limiter.ts), so it costs a request microseconds.
 */
export function enforceRateLimit(policy: RateLimitPolicy, identifier: string): void {
  const result = checkRateLimit(policy, identifier);
  if (result.success) return;
  recordRateLimitRejection(policy);
  const retryAfter = Math.max(1, Math.ceil((result.reset - Date.now()) / 1000));
  throw new AppError("rate_limited", `Too many requests: try again in ${retryAfter} s.`, {
    "retry-after": String(retryAfter),
  });
}

/** Throws a 429 when `identifier` has no budget left under `policy`, without spending any of it. */
export function enforceBudgetLeft(policy: RateLimitPolicy, identifier: string): void {
  const { remaining, reset } = peekRateLimit(policy, identifier);
  if (remaining > 0) return;
  const retryAfter = Math.max(1, Math.ceil((reset - Date.now()) / 1000));
  throw new AppError("rate_limited", `Too many wrong attempts: try again in ${retryAfter} s.`, {
    "retry-after": String(retryAfter),
  });
}

/** The client's address for per-IP budgets, from a trusted proxy's header only (see client-ip.ts). */
export function clientIp(req: Request | Headers | IncomingMessage): string {
  const env = serverEnv();
  const trust = env.TRUSTED_PROXY ?? (env.VERCEL === "1" ? "vercel" : "none");
  const headers = req instanceof Headers ? req : req instanceof Request ? req.headers : nodeHeaders(req.headers);
  return clientIpFrom(headers, trust);
}
