import "server-only";
import { checkRateLimit, type RateLimitPolicy } from "@/lib/redis/rate-limit";
import { AppError } from "./errors";

/** Throws a 429 with Retry-After when `identifier` has spent its budget under `policy`. */
export async function enforceRateLimit(policy: RateLimitPolicy, identifier: string): Promise<void> {
  const result = await checkRateLimit(policy, identifier);
  if (result.success) return;
  const retryAfter = Math.max(1, Math.ceil((result.reset - Date.now()) / 1000));
  throw new AppError("rate_limited", `Too many requests: try again in ${retryAfter} s.`, {
    "retry-after": String(retryAfter),
  });
}

/** The client's address as the platform reports it (Vercel and most proxies set x-forwarded-for). */
export function clientIp(req: Request): string {
  return req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || req.headers.get("x-real-ip") || "local";
}
