/**
 * Counters for `/health` and the benchmarks. Incremented on the hot path, so plain number fields only;
 * per-second rates are derived by a 1 s sampler (unref'd, so it never keeps the process alive).
 */
export class RealtimeStats {
  connections = 0;
  connectionsTotal = 0;
  connectionsRefused = 0;
  joins = 0;
  joinsTotal = 0;
  joinErrors = 0;
  messagesIn = 0;
  messagesOut = 0;
  broadcastsIn = 0;
  httpBroadcasts = 0;
  malformedFrames = 0;
  slowConsumersDropped = 0;
  authorizationQueries = 0;
  lastFanOut: { subscribers: number; ms: number; at: string } | undefined;
  rates = { messagesInPerSec: 0, messagesOutPerSec: 0, joinsPerSec: 0 };
  /** Set by the stack's metrics: every fan-out that reached someone, with its server-side duration. */
  onFanOut: ((ms: number, delivered: number) => void) | undefined;

  private lastSample = { in: 0, out: 0, joins: 0, at: performance.now() };
  private sampler: NodeJS.Timeout | undefined;

  start(): void {
    this.sampler = setInterval(() => this.sample(), 1000);
    this.sampler.unref();
  }

  stop(): void {
    if (this.sampler) clearInterval(this.sampler);
  }

  recordFanOut(delivered: number, ms: number): void {
    this.messagesOut += delivered;
    // Only fan-outs that reached someone are interesting as "the last broadcast".
    if (delivered > 0) {
      this.lastFanOut = { subscribers: delivered, ms: round(ms), at: new Date().toISOString() };
      this.onFanOut?.(ms, delivered);
    }
  }

  private sample(): void {
    const now = performance.now();
    const seconds = (now - this.lastSample.at) / 1000;
    if (seconds <= 0) return;
    this.rates = {
      messagesInPerSec: round((this.messagesIn - this.lastSample.in) / seconds),
      messagesOutPerSec: round((this.messagesOut - this.lastSample.out) / seconds),
      joinsPerSec: round((this.joinsTotal - this.lastSample.joins) / seconds),
    };
    this.lastSample = { in: this.messagesIn, out: this.messagesOut, joins: this.joinsTotal, at: now };
  }

  snapshot(extra: Record<string, unknown>): Record<string, unknown> {
    return {
      connections: this.connections,
      connections_total: this.connectionsTotal,
      connections_refused: this.connectionsRefused,
      joins: this.joins,
      joins_total: this.joinsTotal,
      join_errors: this.joinErrors,
      messages_in: this.messagesIn,
      messages_out: this.messagesOut,
      broadcasts_in: this.broadcastsIn,
      http_broadcasts: this.httpBroadcasts,
      malformed_frames: this.malformedFrames,
      slow_consumers_dropped: this.slowConsumersDropped,
      authorization_queries: this.authorizationQueries,
      messages_in_per_sec: this.rates.messagesInPerSec,
      messages_out_per_sec: this.rates.messagesOutPerSec,
      joins_per_sec: this.rates.joinsPerSec,
      last_fan_out: this.lastFanOut ?? null,
      ...extra,
    };
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
