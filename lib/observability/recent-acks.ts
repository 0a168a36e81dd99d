import "server-only";

/**
 * The slowest answer acknowledgement per session over the last minute, for the host's health strip. Kept
 * in this process: on one box (the local stack, a self-hosted server) that is every answer; on serverless it
 * is what the instance serving the host's snapshot saw — a sample, labelled as such in the strip's words
 * ("slowest recent answer"), and the metrics endpoint has the whole-deployment histogram.
 *
 * Bounded: one number per session per 10 s bucket, six buckets, sessions idle for a minute forgotten.
 */
const BUCKET_MS = 10_000;
const WINDOW_BUCKETS = 6;
const MAX_SESSIONS = 2_000;

type Buckets = Map<number, number>;
const holder = globalThis as typeof globalThis & { __pubquizRecentAcks?: Map<string, Buckets> };
const sessions = (holder.__pubquizRecentAcks ??= new Map<string, Buckets>());

export function recordAck(sessionId: string, ms: number, now = Date.now()): void {
  const bucket = Math.floor(now / BUCKET_MS);
  let buckets = sessions.get(sessionId);
  if (!buckets) {
    if (sessions.size >= MAX_SESSIONS) prune(now);
    buckets = new Map();
    sessions.set(sessionId, buckets);
  }
  buckets.set(bucket, Math.max(buckets.get(bucket) ?? 0, ms));
  if (buckets.size > WINDOW_BUCKETS) buckets.delete(Math.min(...buckets.keys()));
}

/** The slowest acknowledgement of the last minute in ms, or null when no answer arrived in it. */
export function slowestRecentAck(sessionId: string, now = Date.now()): number | null {
  const buckets = sessions.get(sessionId);
  if (!buckets) return null;
  const oldest = Math.floor(now / BUCKET_MS) - WINDOW_BUCKETS + 1;
  let slowest: number | null = null;
  for (const [bucket, ms] of buckets) if (bucket >= oldest) slowest = Math.max(slowest ?? 0, ms);
  return slowest === null ? null : Math.round(slowest);
}

function prune(now: number): void {
  const oldest = Math.floor(now / BUCKET_MS) - WINDOW_BUCKETS + 1;
  for (const [id, buckets] of sessions) if (Math.max(...buckets.keys()) < oldest) sessions.delete(id);
  // Still full (a very busy instance): forget the oldest-inserted sessions.
  for (const id of sessions.keys()) {
    if (sessions.size < MAX_SESSIONS) break;
    sessions.delete(id);
  }
}
