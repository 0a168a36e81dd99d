import { MultiRegionRatelimit, Ratelimit } from "@upstash/ratelimit";
import type { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deletePrefix, sleep, startUpstashTestStack, uniquePrefix, type UpstashTestStack } from "./test-stack";

/**
 * @upstash/ratelimit against the local endpoint: on the in-memory store its Lua scripts run as native
 * re-implementations, on a real Redis as Lua (with the Upstash-only shebang flag stripped). Same tests.
 */

let stack: UpstashTestStack;
let redis: Redis;
let root: string;
beforeAll(async () => {
  stack = await startUpstashTestStack();
  redis = stack.client();
  root = uniquePrefix("ratelimit");
});
afterAll(async () => {
  await deletePrefix(redis, root);
  await stack?.stop();
});

let counter = 0;
/** A limiter with a prefix of its own; no local cache and no timeout, so every call asks the server. */
function limiter(
  limiter: ConstructorParameters<typeof Ratelimit>[0]["limiter"],
  extra: Partial<ConstructorParameters<typeof Ratelimit>[0]> = {},
) {
  return new Ratelimit({ redis, limiter, prefix: `${root}${++counter}`, ephemeralCache: false, timeout: 0, ...extra });
}

/** Waits for the start of a fresh window, so a burst of requests does not straddle two windows. */
async function startOfWindow(windowMs: number): Promise<void> {
  await sleep(windowMs - (Date.now() % windowMs) + 20);
}

async function burst(rl: Ratelimit, id: string, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await rl.limit(id));
  return out;
}

describe("@upstash/ratelimit", () => {
  it("fixedWindow: N allowed, N+1 denied, allowed again in the next window", async () => {
    const rl = limiter(Ratelimit.fixedWindow(3, "1 s"));
    await startOfWindow(1000);
    const results = await burst(rl, "user", 4);
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results.every((r) => r.limit === 3)).toBe(true);
    const reset = results[0]?.reset ?? 0;
    expect(reset % 1000).toBe(0);
    expect(reset).toBeGreaterThan(Date.now());
    expect((await rl.getRemaining("user")).remaining).toBe(0);
    expect((await rl.getRemaining("someone-else")).remaining).toBe(3);
    await sleep(reset - Date.now() + 20);
    const next = await rl.limit("user");
    expect(next).toMatchObject({ success: true, remaining: 2 });
  });

  it("fixedWindow: concurrent requests are counted exactly", async () => {
    const rl = limiter(Ratelimit.fixedWindow(10, "2 s"));
    await startOfWindow(2000);
    const results = await Promise.all(Array.from({ length: 25 }, () => rl.limit("crowd")));
    expect(results.filter((r) => r.success)).toHaveLength(10);
    // Each allowed request saw its own count: remaining 9, 8, … 0.
    const remaining = results.filter((r) => r.success).map((r) => r.remaining);
    expect(remaining.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("fixedWindow: rate consumes several tokens; resetUsedTokens starts over", async () => {
    const rl = limiter(Ratelimit.fixedWindow(3, "2 s"));
    await startOfWindow(2000);
    expect(await rl.limit("bulk", { rate: 2 })).toMatchObject({ success: true, remaining: 1 });
    expect(await rl.limit("bulk", { rate: 2 })).toMatchObject({ success: false, remaining: 0 });
    await rl.resetUsedTokens("bulk");
    expect((await rl.getRemaining("bulk")).remaining).toBe(3);
    expect(await rl.limit("bulk")).toMatchObject({ success: true, remaining: 2 });
  });

  it("fixedWindow: dynamic limits override the configured limit", async () => {
    const rl = limiter(Ratelimit.fixedWindow(5, "2 s"), { dynamicLimits: true });
    await startOfWindow(2000);
    await rl.setDynamicLimit({ limit: 2 });
    expect(await rl.getDynamicLimit()).toEqual({ dynamicLimit: 2 });
    const results = await burst(rl, "dyn", 3);
    expect(results.map((r) => [r.success, r.limit, r.remaining])).toEqual([
      [true, 2, 1],
      [true, 2, 0],
      [false, 2, 0],
    ]);
    await rl.setDynamicLimit({ limit: false });
    expect(await rl.limit("dyn")).toMatchObject({ success: true, limit: 5, remaining: 1 });
  });

  it("slidingWindow: N allowed, N+1 denied, fully available two windows later", async () => {
    const rl = limiter(Ratelimit.slidingWindow(3, "1 s"));
    await startOfWindow(1000);
    const results = await burst(rl, "user", 4);
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect((await rl.getRemaining("user")).remaining).toBe(0);
    // Early in the next window the previous one still counts, weighted and floored: floor(0.98 × 3) = 2.
    await startOfWindow(1000);
    expect(await rl.limit("user")).toMatchObject({ success: true, remaining: 0 });
    expect((await rl.limit("user")).success).toBe(false);
    // One window later the single request left weighs floor(0.98 × 1) = 0: only this one counts.
    await startOfWindow(1000);
    expect(await rl.limit("user")).toMatchObject({ success: true, remaining: 2 });
    await rl.resetUsedTokens("user");
    expect((await rl.getRemaining("user")).remaining).toBe(3);
  });

  it("tokenBucket: N allowed, N+1 denied, refills one token per interval", async () => {
    const rl = limiter(Ratelimit.tokenBucket(1, "1 s", 3));
    const fresh = await rl.getRemaining("bucket");
    expect(fresh.remaining).toBe(3);
    expect(fresh.reset).toBeGreaterThan(Date.now());
    const results = await burst(rl, "bucket", 4);
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    const reset = results[3]?.reset ?? 0;
    expect(reset - Date.now()).toBeLessThanOrEqual(1000);
    expect((await rl.getRemaining("bucket")).remaining).toBe(0);
    await sleep(reset - Date.now() + 20);
    expect(await rl.limit("bucket")).toMatchObject({ success: true, remaining: 0 });
    expect((await rl.limit("bucket")).success).toBe(false);
    await rl.resetUsedTokens("bucket");
    expect((await rl.getRemaining("bucket")).remaining).toBe(3);
    expect(await rl.limit("bucket")).toMatchObject({ success: true, remaining: 2 });
  });

  it("cachedFixedWindow: N allowed, N+1 denied", async () => {
    const rl = new Ratelimit({
      redis,
      limiter: Ratelimit.cachedFixedWindow(2, "2 s"),
      prefix: `${root}cached`,
      ephemeralCache: new Map(),
      timeout: 0,
    });
    await startOfWindow(2000);
    const results = await burst(rl, "c", 3);
    expect(results.map((r) => r.success)).toEqual([true, true, false]);
    await Promise.all(results.map((r) => r.pending));
    const fresh = new Ratelimit({
      redis,
      limiter: Ratelimit.cachedFixedWindow(2, "2 s"),
      prefix: `${root}cached`,
      ephemeralCache: new Map(),
      timeout: 0,
    });
    expect((await fresh.getRemaining("c")).remaining).toBe(0);
  });

  it("multi-region fixedWindow and slidingWindow enforce their limits", async () => {
    const fixed = new MultiRegionRatelimit({
      redis: [redis],
      limiter: MultiRegionRatelimit.fixedWindow(2, "2 s"),
      prefix: `${root}mr-fixed`,
      timeout: 0,
    });
    const sliding = new MultiRegionRatelimit({
      redis: [redis],
      limiter: MultiRegionRatelimit.slidingWindow(2, "2 s"),
      prefix: `${root}mr-sliding`,
      timeout: 0,
    });
    await startOfWindow(2000);
    for (const rl of [fixed, sliding]) {
      const results = [];
      for (let i = 0; i < 3; i++) {
        const r = await rl.limit("m");
        await r.pending;
        results.push(r.success);
      }
      expect(results).toEqual([true, true, false]);
      expect((await rl.getRemaining("m")).remaining).toBe(0);
    }
  });

  it("deny list (enableProtection) blocks listed values", async () => {
    const prefix = `${root}protected`;
    // A disabled IP list keeps the client from downloading one; then deny one value by hand.
    await redis.set(`${prefix}:ipDenyListStatus`, "disabled");
    await redis.sadd(`${prefix}:denyList:all`, "203.0.113.66");
    const rl = new Ratelimit({
      redis,
      limiter: Ratelimit.fixedWindow(10, "10 s"),
      prefix,
      enableProtection: true,
      timeout: 0,
    });
    // The denied request still counts in the window (limit and deny-list check run side by side).
    expect(await rl.limit("someone", { ip: "203.0.113.66" })).toMatchObject({
      success: false,
      reason: "denyList",
      deniedValue: "203.0.113.66",
    });
    expect(await rl.limit("someone", { ip: "198.51.100.7" })).toMatchObject({ success: true, remaining: 8 });
  });
});
