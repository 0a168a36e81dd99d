/**
 * A fixed-window limiter in process memory: the fallback when Redis is not configured or not answering.
 * Per instance only (on Vercel each function instance counts on its own), which is the documented
 * degradation: limits stay in force per instance instead of disappearing.
 */
export class MemoryLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly tokens: number,
    private readonly windowMs: number,
  ) {}

  limit(identifier: string, now = Date.now()): { success: boolean; remaining: number; reset: number } {
    let window = this.windows.get(identifier);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(identifier, window);
      if (this.windows.size > 50_000) this.sweep(now);
    }
    window.count += 1;
    return {
      success: window.count <= this.tokens,
      remaining: Math.max(0, this.tokens - window.count),
      reset: window.resetAt,
    };
  }

  /** The budget left in the current window, without spending any of it. */
  peek(identifier: string, now = Date.now()): { remaining: number; reset: number } {
    const window = this.windows.get(identifier);
    if (!window || window.resetAt <= now) return { remaining: this.tokens, reset: now + this.windowMs };
    return { remaining: Math.max(0, this.tokens - window.count), reset: window.resetAt };
  }

  private sweep(now: number) {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
