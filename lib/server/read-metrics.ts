import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { observabilityEnv } from "@/lib/env";
import { liveCounts } from "@/lib/observability/live-counts";
import { metrics } from "@/lib/observability/metrics";

type MetricsResult =
  { kind: "disabled" } | { kind: "unauthorized" } | { kind: "ok"; text: string; contentType: string };

/** The Prometheus exposition for a caller presenting `Bearer <METRICS_TOKEN>`. */
export async function readMetrics(authorization: string | null): Promise<MetricsResult> {
  const expected = observabilityEnv().METRICS_TOKEN;
  if (!expected) return { kind: "disabled" };
  const given = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1]?.trim();
  if (!given || !sameSecret(given, expected)) return { kind: "unauthorized" };
  const m = metrics();
  m.setLiveCounts(liveCountsOrLast);
  return { kind: "ok", text: await m.registry.metrics(), contentType: m.registry.contentType };
}

// Compared as hashes: equal length for timingSafeEqual, and no early exit on the first differing byte.
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

// A scrape must not fail because Postgres is down: the gauges then keep their last value (the health
// endpoint and pubquiz_db_query_duration_seconds{outcome="error"} tell that story).
let last = { sessions: 0, players: 0 };
async function liveCountsOrLast() {
  try {
    last = await liveCounts();
  } catch {
    // keep the last figures
  }
  return last;
}
