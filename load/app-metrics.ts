import type { HttpClient } from "./http-client";

/**
 * The app's own view of how late its event loop ran, from GET /api/metrics (prom-client's default metrics:
 * event-loop delay since the previous scrape). Read once when the game starts (which resets it) and once at
 * the end; null when the app has no metrics token or refuses it. An app that stalls shows here; a load tool
 * that stalls shows in its own figure instead.
 */
export async function appLoopDelayMs(
  http: HttpClient,
  token: string | null,
): Promise<{ p99: number; max: number } | null> {
  if (!token) return null;
  try {
    const { body } = await http.text("/api/metrics", { token });
    const seconds = (name: string) => Number(new RegExp(`^${name} ([0-9.e+-]+)$`, "m").exec(body)?.[1] ?? NaN);
    const p99 = seconds("nodejs_eventloop_lag_p99_seconds");
    const max = seconds("nodejs_eventloop_lag_max_seconds");
    return Number.isFinite(p99) && Number.isFinite(max) ? { p99: p99 * 1000, max: max * 1000 } : null;
  } catch {
    return null;
  }
}
