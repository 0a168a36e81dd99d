import { describe, expect, it } from "vitest";
import { recordAck, slowestRecentAck } from "./recent-acks";

describe("slowest recent acknowledgement", () => {
  it("is the slowest of the last minute, per session, and forgets older ones", () => {
    const t0 = 1_000_000_000_000;
    recordAck("s1", 80, t0);
    recordAck("s1", 950.4, t0 + 5_000);
    recordAck("s2", 3000, t0);
    expect(slowestRecentAck("s1", t0 + 6_000)).toBe(950);
    expect(slowestRecentAck("s2", t0 + 6_000)).toBe(3000);
    recordAck("s1", 40, t0 + 61_000);
    expect(slowestRecentAck("s1", t0 + 61_000)).toBe(40);
    expect(slowestRecentAck("s1", t0 + 200_000)).toBeNull();
    expect(slowestRecentAck("unknown", t0)).toBeNull();
  });
});
