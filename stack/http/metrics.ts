import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { RealtimeService } from "../realtime/realtime-service";
import type { HttpService } from "../service";
import { sendJson } from "./json";

/**
 * The local stack's Prometheus metrics at `GET /metrics` on its API port: realtime connections, channels,
 * joins, messages in/out (counters: Prometheus derives the per-second rates), server-side fan-out duration,
 * auth sign-ins, Upstash commands, and Node's own (RSS, CPU, event-loop lag).
 *
 * Almost everything is read from the services' existing counters at scrape time, so the hot paths carry no
 * extra work; only fan-outs are observed as they happen (one histogram observation each). One registry per
 * stack: tests run several stacks in one process.
 *
 * Open on loopback (the default STACK_HOST); on any other address it needs `Bearer <METRICS_TOKEN>` and is
 * off without one.
 */
export type StackMetrics = {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
};

export function createStackMetrics(options: {
  services: HttpService[];
  realtime: RealtimeService;
  host: string;
  token: string | undefined;
}): StackMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const stats = (name: string) => options.services.find((s) => s.name === name)?.stats?.() ?? {};
  const num = (value: unknown) => (typeof value === "number" ? value : 0);

  const gauge = (name: string, help: string, service: string, key: string) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(num(stats(service)[key]));
      },
    });
  // Totals kept by the services themselves, exposed as counters (reset + inc: a counter has no set).
  const counter = (name: string, help: string, service: string, key: string | string[]) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const values = stats(service);
        const keys = Array.isArray(key) ? key : [key];
        this.reset();
        this.inc(keys.reduce((sum, k) => sum + num(values[k]), 0));
      },
    });

  gauge("pubquiz_stack_realtime_connections", "Open realtime WebSocket connections", "realtime", "connections");
  gauge("pubquiz_stack_realtime_channels", "Channels (topics) with at least one subscriber", "realtime", "channels");
  gauge("pubquiz_stack_realtime_joins", "Channel subscriptions currently joined", "realtime", "joins");
  counter("pubquiz_stack_realtime_connections_total", "Realtime connections accepted", "realtime", "connections_total");
  counter(
    "pubquiz_stack_realtime_connections_refused_total",
    "Realtime connections refused (bad key, bad version)",
    "realtime",
    "connections_refused",
  );
  counter("pubquiz_stack_realtime_joins_total", "Channel joins accepted", "realtime", "joins_total");
  counter(
    "pubquiz_stack_realtime_join_errors_total",
    "Channel joins refused (RLS, bad token)",
    "realtime",
    "join_errors",
  );
  counter("pubquiz_stack_realtime_messages_in_total", "Frames received from clients", "realtime", "messages_in");
  counter("pubquiz_stack_realtime_messages_out_total", "Messages delivered to clients", "realtime", "messages_out");
  counter(
    "pubquiz_stack_realtime_http_broadcasts_total",
    "Messages received on the HTTP broadcast endpoint",
    "realtime",
    "http_broadcasts",
  );
  counter(
    "pubquiz_stack_realtime_slow_consumers_dropped_total",
    "Sockets closed because they could not keep up",
    "realtime",
    "slow_consumers_dropped",
  );
  counter(
    "pubquiz_stack_auth_sign_ins_total",
    "Auth sign-ins (anonymous, password, one-time code) and sign-ups",
    "auth",
    ["anonymous_sign_ins", "password_sign_ins", "otp_sign_ins", "sign_ups"],
  );
  counter("pubquiz_stack_auth_refreshes_total", "Auth token refreshes", "auth", "refreshes");
  counter("pubquiz_stack_auth_failures_total", "Auth requests answered with a 4xx", "auth", "failures");
  counter(
    "pubquiz_stack_upstash_commands_total",
    "Redis commands run through the Upstash REST endpoint",
    "upstash",
    "commands",
  );

  const fanOut = new Histogram({
    name: "pubquiz_stack_realtime_fanout_duration_seconds",
    help: "Server time to write one broadcast to every subscriber of its channel",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5],
    registers: [registry],
  });
  const fanOutSize = new Histogram({
    name: "pubquiz_stack_realtime_fanout_subscribers",
    help: "Sockets written to per broadcast",
    buckets: [1, 10, 50, 100, 500, 1000, 2500, 5000, 10000],
    registers: [registry],
  });
  options.realtime.observeFanOut((ms, delivered) => {
    fanOut.observe(ms / 1000);
    fanOutSize.observe(delivered);
  });

  const isLoopback = ["127.0.0.1", "::1", "localhost"].includes(options.host);

  return {
    async handle(req, res) {
      if (!isLoopback) {
        if (!options.token) {
          sendJson(res, 404, { message: "Metrics are off: STACK_HOST is not loopback and METRICS_TOKEN is unset" });
          return;
        }
        const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1]?.trim();
        if (!given || !sameSecret(given, options.token)) {
          sendJson(
            res,
            401,
            { message: "Send Authorization: Bearer <METRICS_TOKEN>" },
            { "www-authenticate": "Bearer" },
          );
          return;
        }
      }
      const text = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
      res.end(text);
    },
  };
}

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
