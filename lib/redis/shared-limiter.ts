import { MemoryLimiter } from "./memory-limiter";

/** The deployment-wide count of a budget (Upstash): spends `rate` tokens of `identifier` at once. */
export type RemoteCounter = (identifier: string, rate: number) => Promise<{ success: boolean; reset: number }>;

type Pending = { count: number; unreported: number; resetAt: number };

export type LimitVerdict = { success: boolean; remaining: number; reset: number };

/**
 * A fixed-window limit decided in process and reconciled with Redis off the request's path.
 *
 * Every request is decided by this instance's own count (exact for one instance, microseconds), plus what
 * Redis said earlier: once the deployment-wide count is over budget, every instance that has heard so
 * refuses the identifier until the window resets. The Redis round trip itself runs in the background, so
 * neither a slow nor a dead Redis ever delays a request (the answer path above all).
 *
 * To keep that background traffic proportional to abuse rather than to play, an identifier's first request
 * in a window stays local (a player answers once per question: no Redis traffic at all); from the second on,
 * what is unreported is due. Everything due is sent together, at most once per `flushMs`: the calls start in
 * the same tick, which the Upstash client pipelines into one HTTP request, so a room answering its second
 * question costs a few requests per second, not one per answer. What that costs: spread over K instances, an
 * identifier gets at most K − 1 requests beyond its budget per window (plus what arrives within one flush).
 */
export class SharedLimiter {
  private readonly local: MemoryLimiter;
  private readonly pending = new Map<string, Pending>();
  private readonly due = new Set<string>();
  private readonly refusals = new Map<string, number>(); // identifier → when Redis's window resets
  private flushing = false;

  constructor(
    private readonly tokens: number,
    private readonly windowMs: number,
    private readonly remote: RemoteCounter | null,
    private readonly background: (task: Promise<unknown>) => void,
    private readonly flushMs = 100,
  ) {
    this.local = new MemoryLimiter(tokens, windowMs);
  }

  limit(identifier: string, now = Date.now()): LimitVerdict {
    const verdict = this.local.limit(identifier, now);
    if (!this.remote) return verdict;
    const refusedUntil = this.refusals.get(identifier);
    if (refusedUntil !== undefined) {
      if (refusedUntil > now) return { success: false, remaining: 0, reset: refusedUntil };
      this.refusals.delete(identifier);
    }
    this.report(identifier, verdict, now);
    return verdict;
  }

  /** Budget left without spending any: this instance's count, or none once Redis has refused. */
  peek(identifier: string, now = Date.now()): { remaining: number; reset: number } {
    const refusedUntil = this.refusals.get(identifier);
    if (refusedUntil !== undefined && refusedUntil > now) return { remaining: 0, reset: refusedUntil };
    return this.local.peek(identifier, now);
  }

  private report(identifier: string, verdict: LimitVerdict, now: number) {
    let entry = this.pending.get(identifier);
    if (!entry || entry.resetAt <= now) {
      // A new local window: its first request is not reported unless a second one follows.
      entry = { count: 0, unreported: 0, resetAt: verdict.reset };
      this.pending.set(identifier, entry);
      if (this.pending.size > 50_000) this.sweep(now);
    }
    entry.count += 1;
    entry.unreported += 1;
    if (entry.count < 2) return;
    this.due.add(identifier);
    if (this.flushing) return; // the flush under way sends this one too
    this.flushing = true;
    this.background(this.flush());
  }

  /**
   * Sends everything due once the current turn of the event loop is over (so the requests it is serving report
   * first), then again after `flushMs` while more has come due meanwhile.
   */
  private async flush() {
    try {
      await new Promise((resolve) => setImmediate(resolve));
      while (this.due.size > 0) {
        const started = Date.now();
        const batch = [...this.due].map((identifier) => {
          const entry = this.pending.get(identifier)!;
          const rate = entry.unreported;
          entry.unreported = 0;
          return { identifier, rate };
        });
        this.due.clear();
        const results = await Promise.allSettled(batch.map(({ identifier, rate }) => this.remote!(identifier, rate)));
        results.forEach((result, i) => {
          if (result.status === "fulfilled" && !result.value.success)
            this.refusals.set(batch[i]!.identifier, Math.max(result.value.reset, Date.now() + 1000));
        });
        // Redis down or slow: this instance's own counts stand (the documented degradation).
        if (results.some((result) => result.status === "rejected")) return this.due.clear();
        const wait = this.flushMs - (Date.now() - started);
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    } finally {
      this.flushing = false;
    }
  }

  private sweep(now: number) {
    for (const [key, entry] of this.pending) if (entry.resetAt <= now && !this.due.has(key)) this.pending.delete(key);
    for (const [key, until] of this.refusals) if (until <= now) this.refusals.delete(key);
  }
}
