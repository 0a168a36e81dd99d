import { describe, expect, it } from "vitest";
import { TrailingRefresh } from "./trailing-refresh";

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe("TrailingRefresh", () => {
  it("runs once more after a run that had calls during it, not once per call, and with the latest task", async () => {
    const refresh = new TrailingRefresh();
    const first = gate();
    const ran: string[] = [];
    const done = refresh.run(async () => {
      ran.push("a");
      await first.promise;
    });
    void refresh.run(async () => void ran.push("b"));
    void refresh.run(async () => void ran.push("c"));
    expect(ran).toEqual(["a"]);
    first.open();
    await done;
    expect(ran).toEqual(["a", "c"]);
  });

  it("a failing run does not wedge the next call", async () => {
    const refresh = new TrailingRefresh();
    let runs = 0;
    await refresh.run(async () => {
      runs += 1;
      throw new Error("network");
    });
    await refresh.run(async () => void (runs += 1));
    expect(runs).toBe(2);
  });
});
