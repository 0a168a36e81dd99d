import "server-only";
import { Redis } from "@upstash/redis";
import { serverEnv } from "@/lib/env";

let client: Redis | null | undefined;

/**
 * The one Upstash client, or null when none is configured. Redis is a cache and a limiter, never the source
 * of truth: every caller has a path that works without it. Retries are short, so a dead Redis costs a
 * request tens of milliseconds, not seconds.
 */
export function redis(): Redis | null {
  if (client !== undefined) return client;
  const env = serverEnv();
  client =
    env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN
      ? new Redis({
          url: env.UPSTASH_REDIS_REST_URL,
          token: env.UPSTASH_REDIS_REST_TOKEN,
          retry: { retries: 1, backoff: () => 25 },
          enableTelemetry: false,
        })
      : null;
  return client;
}
