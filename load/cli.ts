/**
 * The load tool of issue #5: simulated players and hosts against any PubQuiz deployment.
 *
 *   npm run load -- --url http://127.0.0.1:3000 --players 2000 --questions 5 --think uniform:5000 --budget
 *
 * See load/README.md for the scenarios, the figures and how to load-test your own deployment.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { ArgsError, describeThink, parseLoadArgs } from "./args";
import { appLoopDelayMs } from "./app-metrics";
import { checkBudget } from "./budget";
import { measureCeiling } from "./ceiling";
import { Host, loadQuiz, signInHost } from "./host";
import { HttpClient } from "./http-client";
import { rateLimitHints } from "./hints";
import { formatSummary, summarize, type HostTimeline, type PersistedAnswers } from "./report";
import { isLoopback, ServerProcesses, type ProcessSample, type RoleFigures } from "./server-processes";
import { WorkerPool } from "./workers";

const ANSWER_GRACE_MS = 1000;
const startedAt = Date.now();
// Was the machine quiet before this run? (At the end the figure mostly measures the run itself.)
const loadAtStart = loadavg();
const hundredths = (value: number) => Math.round(value * 100) / 100;

const args = (() => {
  try {
    return parseLoadArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ArgsError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
})();

const log = (line: string) => {
  if (!args.quiet) console.log(`[${((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)}s] ${line}`);
};
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const http = new HttpClient(args.url);
let config: { supabaseUrl: string; supabaseAnonKey: string };
try {
  config = (await http.json<{ supabaseUrl: string; supabaseAnonKey: string }>("/api/config")).body;
} catch (error) {
  console.error(`Cannot read ${args.url}/api/config (is the app running, and recent enough?): ${String(error)}`);
  process.exit(1);
}
log(`target ${args.url}; Supabase ${config.supabaseUrl}`);

// Server processes, when the target runs on this machine.
const appUrl = new URL(args.url);
const supabaseUrl = new URL(config.supabaseUrl);
const processes = isLoopback(appUrl.hostname)
  ? ServerProcesses.discover(
      Number(appUrl.port || (appUrl.protocol === "https:" ? 443 : 80)),
      isLoopback(supabaseUrl.hostname) ? Number(supabaseUrl.port || 80) : null,
    )
  : null;
if (processes) log(`sampling server processes: ${processes.describe()}`);

const ceiling = await measureCeiling(args.url, { seconds: args.ceilingSeconds, concurrency: args.ceilingConcurrency });
if (args.ceilingSeconds > 0)
  log(
    `ceiling: ${ceiling.rps.toFixed(0)} requests/s on POST /api/echo (${args.ceilingConcurrency} in flight, ${ceiling.failures} failed)`,
  );

// The host: account, quiz, sessions.
const timeLimitS = Math.min(
  240,
  Math.max(5, Math.ceil((args.think.kind === "saturate" ? 0 : args.think.windowMs) / 1000) + 5),
);
let host: Host;
let sessions: { id: string; pin: string }[];
try {
  host = new Host(http, await signInHost(config, { email: args.hostEmail, password: args.hostPassword }));
  const quizId = await host.createQuiz(loadQuiz(args.questions, timeLimitS));
  sessions = [];
  for (let i = 0; i < args.sessions; i++) sessions.push(await host.startSession(quizId));
} catch (error) {
  console.error(`The host could not set up the game: ${error instanceof Error ? error.message : String(error)}`);
  for (const hint of rateLimitHints({ [String((error as { code?: string }).code ?? "")]: 1 }))
    console.error(`hint: ${hint}`);
  process.exit(1);
}
log(`${sessions.length} session(s) in the lobby; ${args.players} players each; think ${describeThink(args.think)}`);

// Sampling: CPU at phase boundaries, RSS peak every 500 ms.
const zero: RoleFigures = { app: 0, stack: 0, db: 0 };
const peakRss: RoleFigures = { ...zero };
const answerCpuMs: RoleFigures = { ...zero };
const joinCpuMs: RoleFigures = { ...zero };
const addDelta = (into: RoleFigures, from: ProcessSample, to: ProcessSample) => {
  for (const role of ["app", "stack", "db"] as const) into[role] += to.cpuMs[role] - from.cpuMs[role];
};
let samples = 0;
const sample = (): ProcessSample | null => {
  if (!processes) return null;
  if (samples++ % 10 === 0) processes.refresh();
  const s = processes.sample();
  for (const role of ["app", "stack", "db"] as const) peakRss[role] = Math.max(peakRss[role], s.rssMb[role]);
  return s;
};
const startSample = sample();
const sampler = setInterval(sample, 500);

// The players.
const runId = String(randomBytes(3).readUIntBE(0, 3));
const pool = new WorkerPool(Math.min(args.workers, args.players * args.sessions));
const abort = () => {
  pool.kill();
  process.exit(130);
};
process.on("SIGINT", abort);
let phase = "join wave";
const progress = setInterval(() => {
  const t = pool.totals();
  const top = Object.entries(t.errors)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([code, n]) => `${code}×${n}`);
  log(
    `${phase}: joined ${t.joined}/${args.players * args.sessions}${t.joinFailed ? ` (failed ${t.joinFailed})` : ""} · messages ${t.messages} · answers ${t.answersAcked}/${t.answersSent} acked · errors ${top.join(", ") || 0}`,
  );
}, 1000);

const joinStartedAt = Date.now();
const joinStartSample = sample();
pool.start(
  {
    type: "init",
    appUrl: args.url,
    supabaseUrl: config.supabaseUrl,
    supabaseAnonKey: config.supabaseAnonKey,
    think: args.think,
    joinConcurrency: args.joinConcurrency,
    runId,
  },
  Array.from({ length: args.players * args.sessions }, (_, index) => {
    const session = sessions[index % sessions.length]!;
    return { index, sessionId: session.id, pin: session.pin };
  }),
);
while (!pool.isJoinWaveOver && Date.now() - joinStartedAt < args.joinTimeoutS * 1000) await sleep(50);
const joinWaveMs = Date.now() - joinStartedAt;
const joinEndSample = sample();
if (joinStartSample && joinEndSample) addDelta(joinCpuMs, joinStartSample, joinEndSample);
log(`join wave over in ${(joinWaveMs / 1000).toFixed(1)} s: ${pool.totals().joined} joined`);

if (args.lobbyMs > 0) {
  log(`the host waits ${args.lobbyMs} ms in the full lobby`);
  await sleep(args.lobbyMs);
}
await appLoopDelayMs(http, args.metricsToken); // resets the app's event-loop delay histogram
// The game: every session in lockstep, one question at a time (the hardest case for fan-out).
const timeline: HostTimeline = { openSentAt: new Map(), actionMs: new Map() };
const hostErrors: Record<string, number> = {};
const act = async (sessionId: string, action: string) => {
  try {
    const result = await host.act(sessionId, action);
    const ms = timeline.actionMs.get(action) ?? [];
    ms.push(result.doneAt - result.sentAt);
    timeline.actionMs.set(action, ms);
    return result;
  } catch (error) {
    const code = `host_${action}_${(error as { code?: string }).code ?? "failed"}`;
    hostErrors[code] = (hostErrors[code] ?? 0) + 1;
    return null;
  }
};

/** The host's open: records when it was sent, and until when the players' answers count. */
async function open(s: { id: string }) {
  const result = await act(s.id, "open");
  const event = result?.event;
  if (!result || event?.type !== "question_opened") return null;
  timeline.openSentAt.set(`${s.id} ${event.question_id}`, result.sentAt);
  const offsetMs = Date.parse(event.server_now) - result.doneAt;
  return { questionId: event.question_id, acceptUntil: Date.parse(event.deadline_at) + ANSWER_GRACE_MS - offsetMs };
}

/** Until every joined player of the session has finished delivering, or the deadline has passed. */
async function answersDone(s: { id: string }, opened: { questionId: string; acceptUntil: number }) {
  const key = `${s.id} ${opened.questionId}`;
  while ((pool.done.get(key) ?? 0) < pool.joinedIn(s.id) && Date.now() < opened.acceptUntil + 2000) await sleep(20);
}

if (args.hosts === "lockstep" || sessions.length === 1) {
  // Every host acts at the same moment: the hardest case for the app (each step is N host requests at once).
  for (let q = 0; q < args.questions; q++) {
    phase = `question ${q + 1}/${args.questions}`;
    await Promise.all(sessions.map((s) => act(s.id, q === 0 ? "start" : "next")));
    const before = sample();
    const opened = await Promise.all(sessions.map((s) => open(s)));
    await Promise.all(sessions.map((s, i) => (opened[i] ? answersDone(s, opened[i]) : Promise.resolve())));
    const after = sample();
    if (before && after) addDelta(answerCpuMs, before, after);
    // The host's pace: the reveal, then the leaderboard, each on the screen for --host-pace ms.
    await Promise.all(
      sessions.map(async (s) => {
        await act(s.id, "close");
        await act(s.id, "reveal");
      }),
    );
    await sleep(args.hostPaceMs);
    await Promise.all(sessions.map((s) => act(s.id, "leaderboard")));
    await sleep(args.hostPaceMs);
  }
} else {
  // Independent quiz masters: each host runs its own game, starting at a random moment within the first
  // question's cycle (think window, reveal and leaderboard), as a hundred pubs on one server would.
  const cycleMs = (args.think.kind === "saturate" ? 1000 : args.think.windowMs) + 2 * args.hostPaceMs + 1000;
  phase = "questions (independent hosts)";
  const before = sample();
  await Promise.all(
    sessions.map(async (s) => {
      await sleep(Math.random() * cycleMs);
      for (let q = 0; q < args.questions; q++) {
        await act(s.id, q === 0 ? "start" : "next");
        const opened = await open(s);
        if (opened) await answersDone(s, opened);
        await act(s.id, "close");
        await act(s.id, "reveal");
        await sleep(args.hostPaceMs);
        await act(s.id, "leaderboard");
        await sleep(args.hostPaceMs);
      }
    }),
  );
  const after = sample();
  // Answering, revealing and pacing overlap across sessions: the whole game counts.
  if (before && after) addDelta(answerCpuMs, before, after);
}
const appLoopDelay = await appLoopDelayMs(http, args.metricsToken);
phase = "finishing";
await Promise.all(sessions.map((s) => act(s.id, "finish")));
await sleep(1000);
clearInterval(progress);

const workers = await pool.stop();
const endSample = sample();
clearInterval(sampler);

// What Postgres holds: read back through the host's report.
const persisted: PersistedAnswers = new Set();
for (const s of sessions) {
  // A loaded server may be slow to answer: without the report nothing can be said about persistence.
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const { report } = await host.report(s.id);
      for (const player of report.players)
        for (const answer of player.answers) persisted.add(`${player.participant_id} ${answer.question_id}`);
      break;
    } catch (error) {
      if (attempt === 3) hostErrors[`report_unreadable_${(error as { code?: string }).code ?? "failed"}`] = 1;
      else await sleep(2000);
    }
  }
}

// Drain: first send → last acknowledgement of each question of each session.
const drainSpans = new Map<string, { first: number; last: number; n: number }>();
for (const r of workers.records)
  for (const a of r.answers) {
    if (a.outcome !== "acknowledged") continue;
    const key = `${r.sessionId} ${a.questionId}`;
    const span = drainSpans.get(key) ?? { first: a.sentAt, last: a.doneAt, n: 0 };
    drainSpans.set(key, { first: Math.min(span.first, a.sentAt), last: Math.max(span.last, a.doneAt), n: span.n + 1 });
  }
// Spans that overlap (sessions answering at the same time) count once: the drain rate is the answers over the
// time during which some were being delivered.
const drain = { answers: 0, ms: 0 };
let covered = -Infinity;
for (const span of [...drainSpans.values()].sort((a, b) => a.first - b.first)) {
  drain.answers += span.n;
  drain.ms += Math.max(0, span.last - Math.max(span.first, covered));
  covered = Math.max(covered, span.last);
}

const errors: Record<string, number> = { ...workers.errors, ...hostErrors };
const report = summarize({
  args,
  records: workers.records,
  timeline,
  persisted,
  messageBuckets: workers.messageBuckets,
  ceilingRps: ceiling.rps,
  joinWaveMs,
  drain,
  processes: startSample && endSample ? { start: startSample, end: endSample, peakRss, answerCpuMs, joinCpuMs } : null,
  errors,
  hints: rateLimitHints(errors),
  appLoopDelayMs: appLoopDelay,
  loadTool: {
    cpuMs: workers.cpuMs + (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    workerRssMbMax: workers.rssMbMax,
    workerLoopDelayMs: workers.loopDelayMs,
  },
  machine: {
    load_average: loadAtStart.map(hundredths),
    load_average_end: loadavg().map(hundredths),
    cpus: availableParallelism(),
    node: process.version,
  },
  startedAt,
});
if (args.budget) report.budget = checkBudget(args, report);
http.close();

console.log(`\nPubQuiz load test — ${args.url}\n${formatSummary(report)}`);
console.log(`  clock: ${report.clock}`);
if (args.json) {
  writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`  figures written to ${args.json}`);
}
const misses = (report.budget ?? []).filter((check) => !check.ok);
if (misses.length) {
  console.error(`budget missed: ${misses.map((m) => `${m.name} ${m.target} (got ${m.actual})`).join("; ")}`);
  process.exit(1);
}
process.exit(0);
