import { describe, expect, it } from "vitest";
import { resultFetchDelayMs } from "./result-fetch-delay";

describe("resultFetchDelayMs", () => {
  it("spreads a small room's fetches over 0.3 s and a big room's over about 1 ms per player, at most 3 s", () => {
    const latest = (players: number) => resultFetchDelayMs(players, () => 0.9999);
    expect(latest(30)).toBe(299);
    expect(latest(2000)).toBe(1999);
    expect(latest(10_000)).toBe(2999);
    expect(resultFetchDelayMs(2000, () => 0)).toBe(0);
  });

  it("spreads them evenly: 2,000 phones fetch at no more than ~1,100 per second", () => {
    const delays = Array.from({ length: 2000 }, () => resultFetchDelayMs(2000));
    const perSecondPeak = Math.max(...[0, 1].map((s) => delays.filter((d) => Math.floor(d / 1000) === s).length));
    expect(perSecondPeak).toBeLessThan(1100);
  });
});
