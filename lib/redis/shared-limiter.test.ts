import { Ratelimit } from "@upstash/ratelimit";
import { describe, expect, it } from "vitest";
import { upstashStackForThisFile } from "@/stack/upstash/test-stack";
import { SharedLimiter, type RemoteCounter } from "./shared-limiter";

/**
 * SharedLimiter against @upstash/ratelimit on the local stack's Upstash endpoint: several "instances" (each
 * a limiter with its own memory) share one budget through Redis, and no request waits for Redis.
 */
const upstash = upstashStackForThisFile("shared-limiter");

let counter = 0;
/** A deployment-wide budget in Redis, counting the round trips made to it. */
function remoteBudget(tokens: number, window: `${number} s`) {
  const ratelimit = new Ratelimit({
    redis: upstash.redis,
    limiter: Ratelimit.fixedWindow(tokens, window),
    prefix: `${upstash.root}${++counter}`,
    ephemeralCache: false,
    timeout: 0,
  });
  const calls: number[] = [];
  const remote: RemoteCounter = async (identifier, rate) => {
    calls.push(rate);
    return ratelimit.limit(identifier, { rate });
  };
  return { remote, calls };
}

/** An app instance: its own memory, the shared remote, background work collected so a test can await it. */
function instance(tokens: number, windowMs: number, remote: RemoteCounter | null) {
  const tasks: Promise<unknown>[] = [];
  const limiter = new SharedLimiter(tokens, windowMs, remote, (task) => tasks.push(task), 0);
  return { limiter, settled: () => Promise.all(tasks) };
}

describe("SharedLimiter", () => {
  it("without Redis, is this instance's fixed window", () => {
    const { limiter } = instance(3, 60_000, null);
    expect([1, 2, 3, 4].map(() => limiter.limit("ip-a").success)).toEqual([true, true, true, false]);
    expect(limiter.limit("ip-b").success).toBe(true);
    expect(limiter.peek("ip-a").remaining).toBe(0);
  });

  it("instances share one budget through Redis: once the deployment has spent it, every instance refuses", async () => {
    const { remote } = remoteBudget(5, "60 s");
    const a = instance(5, 60_000, remote);
    const b = instance(5, 60_000, remote);
    // 3 + 3 requests: each instance alone is within 5, together they are not.
    for (let i = 0; i < 3; i++) expect(a.limiter.limit("player").success).toBe(true);
    await a.settled();
    for (let i = 0; i < 3; i++) b.limiter.limit("player");
    await b.settled();
    // B has reported 6 > 5: it refuses now. A learns it on its next report.
    expect(b.limiter.limit("player")).toMatchObject({ success: false, remaining: 0 });
    expect(b.limiter.peek("player").remaining).toBe(0);
    a.limiter.limit("player");
    await a.settled();
    expect(a.limiter.limit("player").success).toBe(false);
    // Someone else is not affected.
    expect(a.limiter.limit("someone-else").success).toBe(true);
  });

  it("sends nothing to Redis for an identifier's single request per window, and the unreported count at once after", async () => {
    const { remote, calls } = remoteBudget(10, "60 s");
    const { limiter, settled } = instance(10, 60_000, remote);
    for (let p = 0; p < 50; p++) limiter.limit(`answerer-${p}`); // one answer each: a normal question
    await settled();
    expect(calls).toEqual([]);
    limiter.limit("answerer-7"); // a second request in the window: both are reported, in one call
    await settled();
    expect(calls).toEqual([2]);
  });

  it("coalesces a burst into few Redis calls that together report every request", async () => {
    const { remote, calls } = remoteBudget(1000, "60 s");
    const tasks: Promise<unknown>[] = [];
    const limiter = new SharedLimiter(1000, 60_000, remote, (task) => tasks.push(task), 50);
    for (let i = 0; i < 200; i++) limiter.limit("pin-1234");
    await Promise.all(tasks);
    expect(calls.length).toBeLessThanOrEqual(3);
    expect(calls.reduce((sum, n) => sum + n, 0)).toBe(200);
  });

  it("sends what many identifiers have due in one HTTP request (a room answering its second question)", async () => {
    const { remote, calls } = remoteBudget(10, "60 s");
    const tasks: Promise<unknown>[] = [];
    const limiter = new SharedLimiter(10, 60_000, remote, (task) => tasks.push(task), 100);
    for (let p = 0; p < 300; p++) limiter.limit(`player-${p}`); // first question: nothing to report
    const requestsBefore = upstash.stack.service.stats?.().requests as number;
    for (let p = 0; p < 300; p++) limiter.limit(`player-${p}`); // second question, within the window
    await Promise.all(tasks);
    expect(calls).toHaveLength(300);
    expect(calls.every((rate) => rate === 2)).toBe(true);
    expect((upstash.stack.service.stats?.().requests as number) - requestsBefore).toBe(1);
    // Redis counted every request: a third one each is over a budget of 2 per window elsewhere.
    const strict = remoteBudget(2, "60 s");
    const other = new SharedLimiter(10, 60_000, strict.remote, (task) => tasks.push(task), 0);
    for (let round = 0; round < 3; round++) for (let p = 0; p < 5; p++) other.limit(`p-${p}`);
    await Promise.all(tasks);
    expect(other.limit("p-0").success).toBe(false);
  });

  it("decides at once while Redis is down or slow, by this instance's own count", async () => {
    const down: RemoteCounter = () => Promise.reject(new Error("ECONNREFUSED"));
    const slow: RemoteCounter = () => new Promise(() => {}); // never answers
    for (const remote of [down, slow]) {
      const { limiter } = instance(2, 60_000, remote);
      const started = performance.now();
      const results = [1, 2, 3].map(() => limiter.limit("ip").success);
      expect(performance.now() - started).toBeLessThan(50);
      expect(results).toEqual([true, true, false]);
    }
  });

  it("lifts a refusal learned from Redis when its window resets", async () => {
    const { remote } = remoteBudget(1, "1 s");
    const { limiter, settled } = instance(100, 1000, remote);
    limiter.limit("host");
    limiter.limit("host");
    await settled();
    const refused = limiter.limit("host");
    expect(refused.success).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, refused.reset - Date.now()) + 50));
    expect(limiter.limit("host").success).toBe(true);
  });
});
