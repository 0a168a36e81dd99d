import { describe, expect, it } from "vitest";
import { MemoryLimiter } from "./memory-limiter";

describe("MemoryLimiter", () => {
  it("allows exactly the budget per window, per identifier, then resets", () => {
    const limiter = new MemoryLimiter(3, 1000);
    const results = [1, 2, 3, 4].map(() => limiter.limit("ip-a", 0).success);
    expect(results).toEqual([true, true, true, false]);
    expect(limiter.limit("ip-b", 0).success).toBe(true);
    expect(limiter.limit("ip-a", 999).success).toBe(false);
    expect(limiter.limit("ip-a", 1000)).toMatchObject({ success: true, remaining: 2, reset: 2000 });
  });
});

describe("MemoryLimiter.peek", () => {
  it("reports the budget left without spending it", () => {
    const limiter = new MemoryLimiter(2, 1000);
    expect(limiter.peek("ip-a", 0)).toEqual({ remaining: 2, reset: 1000 });
    limiter.limit("ip-a", 0);
    expect(limiter.peek("ip-a", 10)).toEqual({ remaining: 1, reset: 1000 });
    expect(limiter.peek("ip-a", 10)).toEqual({ remaining: 1, reset: 1000 });
    limiter.limit("ip-a", 0);
    expect(limiter.peek("ip-a", 10).remaining).toBe(0);
    expect(limiter.peek("ip-a", 1000).remaining).toBe(2);
  });
});
