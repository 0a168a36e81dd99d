import { describe, expect, it } from "vitest";
import type { Think } from "./args";
import { checkBudget } from "./budget";
import type { LoadReport } from "./report";
import type { Distribution } from "./stats";

const ms = (p99: number): Distribution => ({ count: 100, p50: p99 / 2, p95: p99, p99, max: p99, mean: p99 / 2 });

function report(overrides: Partial<LoadReport> = {}): LoadReport {
  return {
    players: 2000,
    joined: 2000,
    join_wave_s: 12,
    fanout_ms: ms(80),
    ack_ms: ms(120),
    answers_lost: 0,
    fanout_missed: 0,
    messages_per_player_per_question: 3,
    ceiling_rps: 1000,
    answer_drain_rps: 800,
    server_rss_mb: {
      start: { app: 0, stack: 0, db: 0 },
      peak: { app: 600, stack: 700, db: 0 },
      end: { app: 0, stack: 0, db: 0 },
    },
    ...overrides,
  } as LoadReport;
}

const spread: Think = { kind: "uniform", windowMs: 5000 };
const misses = (checks: ReturnType<typeof checkBudget>) => checks.filter((c) => !c.ok).map((c) => c.name);

describe("checkBudget", () => {
  it("passes the 2,000-player spread scenario within its targets", () => {
    const checks = checkBudget({ think: spread, sessions: 1 }, report());
    expect(misses(checks)).toEqual([]);
    expect(checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        "answers_lost",
        "fanout_ms.p99",
        "ack_ms.p99",
        "join_wave_s",
        "messages_per_player_per_question",
      ]),
    );
  });

  it("names every miss", () => {
    const checks = checkBudget(
      { think: spread, sessions: 1 },
      report({
        answers_lost: 1,
        fanout_missed: 2,
        fanout_ms: ms(101),
        ack_ms: ms(151),
        join_wave_s: 31,
        messages_per_player_per_question: 4.5,
        joined: 1999,
      }),
    );
    expect(misses(checks)).toEqual([
      "answers_lost",
      "joined",
      "fanout_missed",
      "messages_per_player_per_question",
      "join_wave_s",
      "fanout_ms.p99",
      "ack_ms.p99",
    ]);
  });

  it("holds many sessions to ack p99 ≤ 100 ms and stack + app to 2 GB", () => {
    const checks = checkBudget(
      { think: { kind: "uniform", windowMs: 10000 }, sessions: 100 },
      report({
        ack_ms: ms(120),
        server_rss_mb: {
          start: { app: 0, stack: 0, db: 0 },
          peak: { app: 1000, stack: 1100, db: 300 },
          end: { app: 0, stack: 0, db: 0 },
        },
      }),
    );
    expect(misses(checks)).toEqual(["server_rss_mb (app + stack, peak)", "ack_ms.p99"]);
  });

  it("asks only the one-session scenario to have joined in 30 s (the issue's 100 × 50 row has no join target)", () => {
    const many = checkBudget(
      { think: { kind: "uniform", windowMs: 10000 }, sessions: 100 },
      report({ join_wave_s: 60 }),
    );
    expect(many.map((c) => c.name)).not.toContain("join_wave_s");
    expect(misses(checkBudget({ think: spread, sessions: 1 }, report({ join_wave_s: 60 })))).toEqual(["join_wave_s"]);
  });

  it("asks bursts and saturation for 0.7 × the ceiling, not for latency", () => {
    for (const think of [{ kind: "burst", windowMs: 200 }, { kind: "saturate" }] as Think[]) {
      const checks = checkBudget({ think, sessions: 1 }, report({ answer_drain_rps: 650, ack_ms: ms(900) }));
      expect(misses(checks)).toEqual(["answer_drain_rps"]);
    }
  });

  it("asks 10,000 players only to lose nothing and finish", () => {
    const checks = checkBudget(
      { think: { kind: "uniform", windowMs: 10000 }, sessions: 1 },
      report({ players: 10000, joined: 10000, fanout_ms: ms(400), ack_ms: ms(900), join_wave_s: 90 }),
    );
    expect(misses(checks)).toEqual([]);
    expect(checks.map((c) => c.name)).not.toContain("ack_ms.p99");
  });

  it("skips the memory check for a remote target", () => {
    const checks = checkBudget({ think: spread, sessions: 1 }, report({ server_rss_mb: null }));
    expect(checks.map((c) => c.name)).not.toContain("server_rss_mb (app + stack, peak)");
  });
});
