import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QuietQueue } from "./quiet-queue";

describe("QuietQueue", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const clock = () => Date.now();

  it("runs nothing while arrivals keep coming, then everything in arrival order once they pause", () => {
    const queue = new QuietQueue(5, 150, clock);
    const ran: number[] = [];
    for (let i = 0; i < 10; i++) {
      queue.push(() => ran.push(i));
      vi.advanceTimersByTime(3); // the next arrival comes before the burst has been quiet for 5 ms
    }
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(5);
    expect(ran).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(queue.size).toBe(0);
  });

  it("does not let a burst that never pauses hold work back past maxWaitMs", () => {
    const queue = new QuietQueue(5, 50, clock);
    const ranAt: number[] = [];
    const start = Date.now();
    for (let i = 0; i < 40; i++) {
      queue.push(() => ranAt.push(Date.now() - start));
      vi.advanceTimersByTime(2);
    }
    // The first task waited ~50 ms, not until the burst ended at 80 ms.
    expect(ranAt[0]).toBeGreaterThanOrEqual(50);
    expect(ranAt[0]).toBeLessThan(60);
    vi.advanceTimersByTime(10);
    expect(ranAt).toHaveLength(40);
  });

  it("flush runs what is waiting at once and cancels the timer", () => {
    const queue = new QuietQueue(5, 150, clock);
    const task = vi.fn();
    queue.push(task);
    queue.flush();
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(200);
    expect(task).toHaveBeenCalledTimes(1);
  });
});
