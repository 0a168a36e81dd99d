import type { LoadArgs } from "./args";
import type { LoadReport } from "./report";

/** One target of issue #5's table that applies to this run's shape, and whether it held. */
export type BudgetCheck = { name: string; target: string; actual: string; ok: boolean };

const GB = 1024;
// Above this many players the table asks only for "0 lost; completes; report every figure".
const LATENCY_TARGETS_UP_TO = 5000;

/**
 * The targets that apply to the scenario: always 0 lost, everyone joined, ≤ 4 messages per player per
 * question and (on a local target) stack + app RSS ≤ 2 GB; spread answers add fan-out p99 ≤ 100 ms and ack
 * p99 ≤ 150 ms (one session, which must also have joined in ≤ 30 s) or ≤ 100 ms (several sessions); burst
 * and saturate runs add answer throughput ≥ 0.7 × the same run's ceiling.
 */
export function checkBudget(args: Pick<LoadArgs, "think" | "sessions">, report: LoadReport): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  const add = (name: string, target: string, actual: number | string, ok: boolean) =>
    checks.push({ name, target, actual: String(actual), ok });

  add("answers_lost", "= 0", report.answers_lost, report.answers_lost === 0);
  add("joined", `= ${report.players}`, report.joined, report.joined === report.players);
  add("fanout_missed", "= 0", report.fanout_missed, report.fanout_missed === 0);
  add(
    "messages_per_player_per_question",
    "≤ 4",
    report.messages_per_player_per_question,
    report.messages_per_player_per_question <= 4,
  );
  const rss = report.server_rss_mb;
  if (rss) {
    const total = rss.peak.app + rss.peak.stack;
    add("server_rss_mb (app + stack, peak)", `≤ ${2 * GB}`, Math.round(total), total <= 2 * GB);
  }
  if (report.players <= LATENCY_TARGETS_UP_TO && args.think.kind === "uniform") {
    if (args.sessions === 1) add("join_wave_s", "≤ 30", report.join_wave_s, report.join_wave_s <= 30);
    add("fanout_ms.p99", "≤ 100", report.fanout_ms.p99, report.fanout_ms.p99 <= 100);
    const ackTarget = args.sessions > 1 ? 100 : 150;
    add("ack_ms.p99", `≤ ${ackTarget}`, report.ack_ms.p99, report.ack_ms.p99 <= ackTarget);
  }
  if (args.think.kind !== "uniform" && report.ceiling_rps > 0) {
    const floor = Math.round(0.7 * report.ceiling_rps);
    add("answer_drain_rps", `≥ ${floor} (0.7 × ceiling)`, report.answer_drain_rps, report.answer_drain_rps >= floor);
  }
  return checks;
}
