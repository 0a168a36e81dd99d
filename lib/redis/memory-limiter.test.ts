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
