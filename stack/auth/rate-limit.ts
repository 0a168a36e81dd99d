/**
 * Per-client-IP token buckets, like GoTrue's limiters: `limit` requests per `windowMs`, refilled
 * continuously, so a burst of `limit` passes and then one request per `windowMs / limit`. In memory, because
 * the local stack is one process; a limit of 0 disables the bucket.
 */
export type RateLimiter = {
  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string): boolean;
  stop(): void;
};

type Bucket = { tokens: number; updated: number };

export function createRateLimiter(limit: number, windowMs: number, now: () => number = Date.now): RateLimiter {
  if (limit <= 0) return { take: () => true, stop: () => {} };
  const perMs = limit / windowMs;
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, at: number) => {
    bucket.tokens = Math.min(limit, bucket.tokens + (at - bucket.updated) * perMs);
    bucket.updated = at;
  };

  // Full buckets carry no information: drop them now and then, so a stream of distinct IPs cannot grow the map.
  const sweep = setInterval(
    () => {
      const at = now();
      for (const [key, bucket] of buckets) {
        refill(bucket, at);
        if (bucket.tokens >= limit) buckets.delete(key);
      }
    },
    Math.min(windowMs, 60_000),
  );
  sweep.unref();

  return {
    take(key) {
      const at = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = { tokens: limit, updated: at };
        buckets.set(key, bucket);
      } else {
        refill(bucket, at);
      }
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
    stop: () => clearInterval(sweep),
  };
}
