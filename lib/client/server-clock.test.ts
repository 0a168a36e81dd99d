import { describe, expect, it } from "vitest";
import { ServerClock } from "./server-clock";

describe("ServerClock", () => {
  it("follows the server's clock, keeping the smallest observed offset", () => {
    const clock = new ServerClock();
    // The phone runs 5 s fast; the first sample arrived after 300 ms, the second after 40 ms.
    clock.observe(new Date(100_000).toISOString(), 105_300);
    clock.observe(new Date(200_000).toISOString(), 205_040);
    expect(clock.now(300_000)).toBe(300_000 - 5_040);
    expect(clock.remainingUntil(new Date(300_000).toISOString(), 305_040)).toBe(0);
    expect(clock.remainingUntil(new Date(310_000).toISOString(), 305_040)).toBe(10_000);
  });

  it("uses the local clock until it has a sample", () => {
    expect(new ServerClock().now(1234)).toBe(1234);
  });
});
