import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The app's Prometheus metrics, served by GET /api/metrics. One registry per process, kept on globalThis so
 * Next's dev-mode module reloads do not register every metric twice. On Vercel each function instance has
 * its own registry: scrape per instance, or use the OpenTelemetry integration (README "Monitoring").
 *
 * Labels stay low-cardinality: route templates, reasons and policies from closed sets, never ids.
 */
type LiveCounts = { sessions: number; players: number };

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const ms = (values: number[]) => values.map((v) => v / 1000);
  let liveCounts: (() => Promise<LiveCounts>) | undefined;

  return {
    registry,
    setLiveCounts(fn: () => Promise<LiveCounts>) {
      liveCounts = fn;
    },
    httpDuration: new Histogram({
      name: "pubquiz_http_request_duration_seconds",
      help: "API request duration by route template, method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: ms([5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000]),
      registers: [registry],
    }),
    answersAccepted: new Counter({
      name: "pubquiz_answers_accepted_total",
      help: "Answers acknowledged: accepted (new) or duplicate (a retry of an acknowledged answer)",
      labelNames: ["status"] as const,
      registers: [registry],
    }),
    answersRejected: new Counter({
      name: "pubquiz_answers_rejected_total",
      help: "Answers refused, by reason (error code: question_closed, rate_limited, bad_request, …)",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    answerAck: new Histogram({
      name: "pubquiz_answer_ack_duration_seconds",
      help: "Server time from receiving an answer to acknowledging it",
      buckets: ms([5, 10, 25, 50, 75, 100, 150, 250, 500, 1000, 2500, 5000]),
      registers: [registry],
    }),
    joinAttempts: new Counter({
      name: "pubquiz_join_attempts_total",
      help: "Players trying to join (or rejoin) a session",
      registers: [registry],
    }),
    joinFailures: new Counter({
      name: "pubquiz_join_failures_total",
      help: "Joins refused, by reason (pin_not_found, session_locked, rate_limited, …)",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: "pubquiz_rate_limit_rejections_total",
      help: "Requests refused by a rate-limit policy",
      labelNames: ["policy"] as const,
      registers: [registry],
    }),
    broadcasts: new Counter({
      name: "pubquiz_broadcasts_total",
      help: "Game events sent to Realtime's broadcast endpoint, by outcome (sent, failed)",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    dbQuery: new Histogram({
      name: "pubquiz_db_query_duration_seconds",
      help: "Duration of game.* database calls, by function and outcome (ok, rule = a game rule refused, error)",
      labelNames: ["fn", "outcome"] as const,
      buckets: ms([1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500]),
      registers: [registry],
    }),
    dbInFlight: new Gauge({
      name: "pubquiz_db_queries_in_flight",
      help: "game.* calls waiting for or holding a pooled connection (compare with pubquiz_db_pool_size)",
      registers: [registry],
    }),
    dbPoolSize: new Gauge({
      name: "pubquiz_db_pool_size",
      help: "Maximum connections of this instance's Postgres pool (DATABASE_POOL_SIZE)",
      registers: [registry],
    }),
    redisDuration: new Histogram({
      name: "pubquiz_redis_duration_seconds",
      help: "Upstash Redis round trips, by operation and outcome",
      labelNames: ["op", "outcome"] as const,
      buckets: ms([1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000]),
      registers: [registry],
    }),
    liveSessions: new Gauge({
      name: "pubquiz_live_sessions",
      help: "Sessions not finished that changed in the last 6 hours (all instances: read from Postgres)",
      registers: [registry],
      async collect() {
        if (liveCounts) this.set((await liveCounts()).sessions);
      },
    }),
    livePlayers: new Gauge({
      name: "pubquiz_live_players",
      help: "Non-kicked players in those sessions (all instances: read from Postgres)",
      registers: [registry],
      async collect() {
        if (liveCounts) this.set((await liveCounts()).players);
      },
    }),
  };
}

export type AppMetrics = ReturnType<typeof createMetrics>;

const holder = globalThis as typeof globalThis & { __pubquizMetrics?: AppMetrics };

export function metrics(): AppMetrics {
  return (holder.__pubquizMetrics ??= createMetrics());
}

export function recordRateLimitRejection(policy: string): void {
  metrics().rateLimited.inc({ policy });
}

export function recordBroadcast(isSent: boolean): void {
  metrics().broadcasts.inc({ outcome: isSent ? "sent" : "failed" });
}

/** Times one Redis round trip; rethrows what it throws. */
export async function timeRedis<T>(op: string, fn: () => Promise<T>): Promise<T> {
  const stop = metrics().redisDuration.startTimer({ op });
  try {
    const result = await fn();
    stop({ outcome: "ok" });
    return result;
  } catch (error) {
    stop({ outcome: "error" });
    throw error;
  }
}

// Ids in paths become placeholders so a route is one series, whatever the number of sessions.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function routeTemplate(pathname: string): string {
  return pathname
    .split("/")
    .map((segment) => (UUID.test(segment) ? ":id" : /^\d+$/.test(segment) ? ":n" : segment))
    .join("/");
}
