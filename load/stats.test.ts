import { describe, expect, it } from "vitest";
import { distribution, peakPerBucket, percentile, ratePerSecond } from "./stats";

describe("percentile (nearest rank)", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  it.each([
    [50, 50],
    [95, 95],
    [99, 99],
    [100, 100],
    [0, 1],
  ])("p%d of 1..100 is %d", (p, expected) => expect(percentile(hundred, p)).toBe(expected));

  it("is the only value of one sample and NaN of none", () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("distribution", () => {
  it("sorts, rounds to 0.1 ms and reports max and mean", () => {
    expect(distribution([3, 1.04, 2, 10])).toEqual({ count: 4, p50: 2, p95: 10, p99: 10, max: 10, mean: 4 });
  });
  it("p99 of 1,000 samples ignores the 10 worst", () => {
    const values = [...Array.from({ length: 990 }, () => 10), ...Array.from({ length: 10 }, () => 5000)];
    expect(distribution(values).p99).toBe(10);
    expect(distribution(values).max).toBe(5000);
  });
});

describe("rates", () => {
  it("finds the busiest 1 s bucket", () => {
    expect(peakPerBucket([0, 100, 999, 1000, 1500, 2999])).toBe(3);
    expect(peakPerBucket([])).toBe(0);
  });
  it("computes events per second", () => {
    expect(ratePerSecond(500, 250)).toBe(2000);
    expect(ratePerSecond(5, 0)).toBe(0);
  });
});
