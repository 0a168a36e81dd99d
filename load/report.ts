import { describeThink, type LoadArgs } from "./args";
import type { BudgetCheck } from "./budget";
import type { PlayerRecord } from "./protocol";
import type { ProcessSample, RoleFigures } from "./server-processes";
import { distribution, peakPerBucket, type Distribution } from "./stats";

/** Everything one run measured; written as JSON with --json (issue #5 lists the required fields). */
export type LoadReport = {
  url: string;
  scenario: {
    players_per_session: number;
    sessions: number;
    questions: number;
    think: string;
    workers: number;
    hosts: string;
  };
  clock: string;
  players: number;
  sessions: number;
  joined: number;
  join_wave_s: number;
  join_ms: Distribution;
  join_parts_ms: { sign_in: Distribution; join_api: Distribution; subscribe: Distribution };
  fanout_ms: Distribution;
  /** Questions opened for a joined player's session whose question_opened that player never received. */
  fanout_missed: number;
  host_action_ms: Distribution;
  /** The same by action (open, close, reveal …): a reveal also sends every player's own copy. */
  host_action_ms_by_action: Record<string, Distribution>;
  ack_ms: Distribution;
  /** The same per question, in the order asked: shows whether a tail is one question's or every one's. */
  ack_ms_by_question: Distribution[];
  /** Fan-out per question likewise: a cold first question stands out. */
  fanout_ms_by_question: Distribution[];
  answers_sent: number;
  answers_acked: number;
  answers_persisted: number;
  answers_lost: number;
  answers_lost_detail: { acked_not_persisted: number; sent_in_time_not_acked: number };
  answers_expired_unsent: number;
  answer_attempts_retried: number;
  messages_delivered: number;
  messages_per_player_per_question: number;
  peak_messages_per_second: number;
  ceiling_rps: number;
  answer_rps_max: number;
  /** Acknowledged answers / summed drain time (first send → last ack) of each question of each session. */
  answer_drain_rps: number;
  cpu_ms_per_answer: (RoleFigures & { total: number }) | null;
  server_cpu_s: (RoleFigures & { answer_phases: RoleFigures; join_wave: RoleFigures }) | null;
  server_rss_mb: { start: RoleFigures; peak: RoleFigures; end: RoleFigures } | null;
  load_tool: { cpu_s: number; worker_rss_mb_max: number; worker_loop_delay_ms: { p99: number; max: number } };
  /** The app's event-loop delay during the game (GET /api/metrics; only with METRICS_TOKEN). */
  app_loop_delay_ms: { p99: number; max: number } | null;
  errors: Record<string, number>;
  hints: string[];
  budget: BudgetCheck[] | null;
  /** 1, 5 and 15 min load averages when the run started, and when it ended. */
  machine: { load_average: number[]; load_average_end: number[]; cpus: number; node: string };
  started_at: string;
  duration_s: number;
};

export type HostTimeline = {
  /** "<sessionId> <questionId>" → when the host sent open / start|next, and its round trip. */
  openSentAt: Map<string, number>;
  /** Round trips of the host's actions, by action. */
  actionMs: Map<string, number[]>;
};

export type PersistedAnswers = Set<string>; // "<participantId> <questionId>"

export function summarize(input: {
  args: LoadArgs;
  records: PlayerRecord[];
  timeline: HostTimeline;
  persisted: PersistedAnswers;
  messageBuckets: Record<string, number>;
  ceilingRps: number;
  joinWaveMs: number;
  drain: { answers: number; ms: number };
  processes: {
    start: ProcessSample;
    end: ProcessSample;
    peakRss: RoleFigures;
    answerCpuMs: RoleFigures;
    joinCpuMs: RoleFigures;
  } | null;
  errors: Record<string, number>;
  hints: string[];
  loadTool: { cpuMs: number; workerRssMbMax: number; workerLoopDelayMs: { p99: number; max: number } };
  appLoopDelayMs: { p99: number; max: number } | null;
  machine: LoadReport["machine"];
  startedAt: number;
}): LoadReport {
  const { args, records, timeline } = input;
  const joinedRecords = records.filter((r) => r.joinedAt !== null);
  const answers = records.flatMap((r) => r.answers.map((a) => ({ ...a, participantId: r.participantId })));
  const acked = answers.filter((a) => a.outcome === "acknowledged");
  const ackedNotPersisted = acked.filter((a) => !input.persisted.has(`${a.participantId} ${a.questionId}`)).length;
  const inTimeNotAcked = answers.filter((a) => a.sentInTime && a.outcome !== "acknowledged").length;
  const fanout: { questionId: string; at: number; ms: number }[] = [];
  for (const r of records) {
    for (const [questionId, at] of Object.entries(r.openedAt)) {
      const sent = timeline.openSentAt.get(`${r.sessionId} ${questionId}`);
      if (sent !== undefined) fanout.push({ questionId, at: sent, ms: at - sent });
    }
  }
  const openedPerSession = new Map<string, number>();
  for (const key of timeline.openSentAt.keys()) {
    const sessionId = key.split(" ")[0]!;
    openedPerSession.set(sessionId, (openedPerSession.get(sessionId) ?? 0) + 1);
  }
  const fanoutMissed = joinedRecords.reduce(
    (total, r) => total + Math.max(0, (openedPerSession.get(r.sessionId) ?? 0) - Object.keys(r.openedAt).length),
    0,
  );
  const messages = records.reduce((total, r) => total + r.messages, 0);
  const players = args.players * args.sessions;
  const ackBuckets = peakPerBucket(acked.map((a) => a.doneAt));
  const processes = input.processes;
  const minus = (a: RoleFigures, b: RoleFigures): RoleFigures => ({
    app: a.app - b.app,
    stack: a.stack - b.stack,
    db: a.db - b.db,
  });
  const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
  const roleRound = (f: RoleFigures, scale = 1, digits = 1): RoleFigures => ({
    app: round(f.app * scale, digits),
    stack: round(f.stack * scale, digits),
    db: round(f.db * scale, digits),
  });
  const perAnswer = (cpu: RoleFigures) => {
    const n = Math.max(1, acked.length);
    return { ...roleRound(cpu, 1 / n, 2), total: round((cpu.app + cpu.stack + cpu.db) / n, 2) };
  };
  return {
    url: args.url,
    scenario: {
      players_per_session: args.players,
      sessions: args.sessions,
      questions: args.questions,
      think: describeThink(args.think),
      workers: args.workers,
      hosts: args.sessions > 1 ? args.hosts : "one",
    },
    clock:
      "one machine: every process stamps events with Date.now() (epoch ms); fan-out is player receipt − the moment the host's action request was sent",
    players,
    sessions: args.sessions,
    joined: joinedRecords.length,
    join_wave_s: round(input.joinWaveMs / 1000, 2),
    join_ms: distribution(joinedRecords.map((r) => r.joinedAt! - r.joinStartedAt)),
    join_parts_ms: {
      sign_in: distribution(joinedRecords.map((r) => r.signInMs ?? 0)),
      join_api: distribution(joinedRecords.map((r) => r.joinApiMs ?? 0)),
      subscribe: distribution(joinedRecords.map((r) => r.subscribeMs ?? 0)),
    },
    fanout_ms: distribution(fanout.map((f) => f.ms)),
    fanout_ms_by_question: byQuestion(fanout),
    fanout_missed: fanoutMissed,
    host_action_ms: distribution([...timeline.actionMs.values()].flat()),
    host_action_ms_by_action: Object.fromEntries(
      [...timeline.actionMs].map(([action, ms]) => [action, distribution(ms)]),
    ),
    ack_ms: distribution(acked.map((a) => a.doneAt - a.sentAt)),
    ack_ms_by_question: byQuestion(
      acked.map((a) => ({ questionId: a.questionId, at: a.sentAt, ms: a.doneAt - a.sentAt })),
    ),
    answers_sent: answers.length,
    answers_acked: acked.length,
    answers_persisted: input.persisted.size,
    answers_lost: ackedNotPersisted + inTimeNotAcked,
    answers_lost_detail: { acked_not_persisted: ackedNotPersisted, sent_in_time_not_acked: inTimeNotAcked },
    answers_expired_unsent: answers.filter((a) => !a.sentInTime).length,
    answer_attempts_retried: answers.filter((a) => a.attempts > 1).length,
    messages_delivered: messages,
    messages_per_player_per_question: round(messages / Math.max(1, players * args.questions), 2),
    // Buckets are whole epoch seconds, merged over every worker.
    peak_messages_per_second: Object.values(input.messageBuckets).reduce((peak, n) => Math.max(peak, n), 0),
    ceiling_rps: round(input.ceilingRps, 0),
    answer_rps_max: ackBuckets,
    answer_drain_rps: round(input.drain.ms > 0 ? (input.drain.answers * 1000) / input.drain.ms : 0, 0),
    cpu_ms_per_answer: processes ? perAnswer(processes.answerCpuMs) : null,
    server_cpu_s: processes
      ? {
          ...roleRound(minus(processes.end.cpuMs, processes.start.cpuMs), 1 / 1000, 2),
          answer_phases: roleRound(processes.answerCpuMs, 1 / 1000, 2),
          join_wave: roleRound(processes.joinCpuMs, 1 / 1000, 2),
        }
      : null,
    server_rss_mb: processes
      ? {
          start: roleRound(processes.start.rssMb, 1, 0),
          peak: roleRound(processes.peakRss, 1, 0),
          end: roleRound(processes.end.rssMb, 1, 0),
        }
      : null,
    app_loop_delay_ms: input.appLoopDelayMs
      ? { p99: round(input.appLoopDelayMs.p99, 1), max: round(input.appLoopDelayMs.max, 1) }
      : null,
    load_tool: {
      cpu_s: round(input.loadTool.cpuMs / 1000, 2),
      worker_rss_mb_max: round(input.loadTool.workerRssMbMax, 0),
      worker_loop_delay_ms: {
        p99: round(input.loadTool.workerLoopDelayMs.p99, 1),
        max: round(input.loadTool.workerLoopDelayMs.max, 1),
      },
    },
    errors: input.errors,
    hints: input.hints,
    budget: null,
    machine: input.machine,
    started_at: new Date(input.startedAt).toISOString(),
    duration_s: round((Date.now() - input.startedAt) / 1000, 1),
  };
}

const fmt = (d: Distribution) => `${d.p50} / ${d.p95} / ${d.p99} / ${d.max}`;

/** The summary table printed at the end of a run. */
export function formatSummary(report: LoadReport): string {
  const rows: [string, string][] = [
    [
      "scenario",
      `${report.sessions} × ${report.scenario.players_per_session} players, ${report.scenario.questions} questions, think ${report.scenario.think}` +
        (report.sessions > 1 ? `, hosts ${report.scenario.hosts}` : ""),
    ],
    ["joined", `${report.joined} / ${report.players} in ${report.join_wave_s} s`],
    ["join ms p50/p95/p99/max", fmt(report.join_ms)],
    ["fan-out ms (question opened)", `${fmt(report.fanout_ms)}; never received ${report.fanout_missed}`],
    [
      "host round trip ms p50/p99",
      Object.entries(report.host_action_ms_by_action)
        .map(([action, d]) => `${action} ${d.p50}/${d.p99}`)
        .join(", "),
    ],
    ["ack ms", fmt(report.ack_ms)],
    ["ack ms p99 by question", report.ack_ms_by_question.map((d) => d.p99).join(" / ")],
    ["fan-out ms p99 by question", report.fanout_ms_by_question.map((d) => d.p99).join(" / ")],
    [
      "answers sent / acked / persisted",
      `${report.answers_sent} / ${report.answers_acked} / ${report.answers_persisted}`,
    ],
    [
      "answers lost",
      `${report.answers_lost} (acked not persisted ${report.answers_lost_detail.acked_not_persisted}, sent in time not acked ${report.answers_lost_detail.sent_in_time_not_acked})`,
    ],
    ["messages / player / question", String(report.messages_per_player_per_question)],
    ["peak delivered messages / s", String(report.peak_messages_per_second)],
    ["ceiling rps (POST /api/echo)", String(report.ceiling_rps)],
    ["answers / s: best 1 s, drain", `${report.answer_rps_max}, ${report.answer_drain_rps}`],
  ];
  if (report.cpu_ms_per_answer)
    rows.push([
      "CPU ms / answer app, stack, db",
      `${report.cpu_ms_per_answer.app}, ${report.cpu_ms_per_answer.stack}, ${report.cpu_ms_per_answer.db}`,
    ]);
  if (report.server_cpu_s)
    rows.push([
      "server CPU s app, stack, db",
      `${report.server_cpu_s.app}, ${report.server_cpu_s.stack}, ${report.server_cpu_s.db}`,
    ]);
  if (report.server_rss_mb)
    rows.push([
      "peak RSS MB app, stack, db",
      `${report.server_rss_mb.peak.app}, ${report.server_rss_mb.peak.stack}, ${report.server_rss_mb.peak.db}`,
    ]);
  if (report.app_loop_delay_ms)
    rows.push(["app event-loop delay ms p99/max", `${report.app_loop_delay_ms.p99} / ${report.app_loop_delay_ms.max}`]);
  rows.push(["load tool CPU s", String(report.load_tool.cpu_s)]);
  rows.push([
    "load tool event-loop delay ms p99/max",
    `${report.load_tool.worker_loop_delay_ms.p99} / ${report.load_tool.worker_loop_delay_ms.max} (the worst worker; its timestamps are this late)`,
  ]);
  const errors = Object.entries(report.errors);
  rows.push(["errors", errors.length ? errors.map(([code, n]) => `${code}×${n}`).join(", ") : "none"]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
  for (const check of report.budget ?? [])
    lines.push(`  ${check.ok ? "ok  " : "MISS"} ${check.name} ${check.target} (got ${check.actual})`);
  for (const hint of report.hints) lines.push(`  hint: ${hint}`);
  return lines.join("\n");
}

/** One distribution per question (every session plays the same quiz), in the order asked. */
function byQuestion(samples: readonly { questionId: string; at: number; ms: number }[]): Distribution[] {
  const groups = new Map<string, { first: number; ms: number[] }>();
  for (const sample of samples) {
    const group = groups.get(sample.questionId) ?? { first: sample.at, ms: [] };
    group.first = Math.min(group.first, sample.at);
    group.ms.push(sample.ms);
    groups.set(sample.questionId, group);
  }
  return [...groups.values()].sort((a, b) => a.first - b.first).map((group) => distribution(group.ms));
}
