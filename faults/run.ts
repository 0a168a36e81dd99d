/**
 * `npm run test:faults` (after `npm run build`): issue #6's faults against the production build and the
 * local stack, with the load tool's real clients. Each fault states its expectation; the run measures the
 * outcome, prints a table, writes every figure to FAULTS_JSON (.faults/faults.json) and exits 1 if any
 * expectation failed. See README "Faults" for the figures and faults/harness.ts for ports and backends.
 *
 *   FAULTS_REALTIME_PLAYERS (default 500)   players connected when the realtime service restarts
 *   FAULTS_PLAYERS (default 100)            players in each of the other faults
 *   FAULTS_ONLY=realtime,redis,app,db       run a subset (db last: its aftermath is checked by a probe)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { availableParallelism, loadavg } from "node:os";
import { Host, loadQuiz, signInHost } from "@/load/host";
import { HttpClient } from "@/load/http-client";
import type { Distribution } from "@/load/stats";
import { playGame, type GameResult, type QuestionContext } from "./game";
import { startHarness, type Harness } from "./harness";
import { answerFigures, heardOpen, resyncFigures, type AnswerFigures, type ResyncFigures } from "./outcome";

type FaultReport = {
  fault: string;
  expectation: string;
  ok: boolean;
  failures: string[];
  players: number;
  answers: AnswerFigures;
  resync?: ResyncFigures;
  errors: Record<string, number>;
  detail: Record<string, unknown>;
};

const startedAt = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)}s] ${line}`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const realtimePlayers = Number(process.env.FAULTS_REALTIME_PLAYERS ?? 500);
const players = Number(process.env.FAULTS_PLAYERS ?? 100);
const only = process.env.FAULTS_ONLY?.split(",");
const jsonPath = process.env.FAULTS_JSON ?? ".faults/faults.json";

/** The checks every fault shares: nothing acknowledged lost, everything sent in time landed, game over. */
function commonChecks(result: GameResult, answers: AnswerFigures, failures: string[]): void {
  if (!result.reportRead) failures.push("the host's report could not be read back");
  if (answers.lost > 0) failures.push(`${answers.lost} acknowledged answer(s) not in Postgres`);
  if (answers.not_landed > 0) failures.push(`${answers.not_landed} answer(s) sent in time never acknowledged`);
  if (answers.acked === 0) failures.push("no answer was acknowledged");
  if (!result.finished) failures.push("the session did not finish");
  const last = result.questions.at(-1);
  if (last && heardOpen(result, last.questionId) < result.joined)
    failures.push(`only ${heardOpen(result, last.questionId)}/${result.joined} players heard the last question open`);
  if (result.joined < result.records.length)
    failures.push(`${result.records.length - result.joined} player(s) failed to join`);
}

function report(
  fault: string,
  expectation: string,
  result: GameResult,
  failures: string[],
  detail: Record<string, unknown> = {},
  resync?: ResyncFigures,
): FaultReport {
  const answers = answerFigures(result);
  commonChecks(result, answers, failures);
  return {
    fault,
    expectation,
    ok: failures.length === 0,
    failures,
    players: result.records.length,
    answers,
    resync,
    errors: result.errors,
    detail: { ...detail, host_retries: result.hostRetries },
  };
}

const faults: Record<string, (h: Harness) => Promise<FaultReport>> = {
  async realtime(h) {
    let dropAt = 0;
    let dropped = 0;
    const refuseMs = 3000;
    const result = await playGame({
      appUrl: h.appUrl,
      players: realtimePlayers,
      questions: 2,
      timeLimitS: 20,
      think: { kind: "uniform", windowMs: 10_000 },
      workers: 2,
      log,
      async duringQuestion(q) {
        if (q.index !== 0) return;
        await sleep(2000);
        dropAt = Date.now();
        dropped = h.stack.realtime.disconnectAll({ abrupt: true, refuseMs });
        log(`realtime restarted: ${dropped} sockets dropped, new connections refused for ${refuseMs} ms`);
      },
    });
    const resync = resyncFigures(result, dropAt);
    const failures: string[] = [];
    if (resync.resubscribed < resync.clients)
      failures.push(`${resync.clients - resync.resubscribed} client(s) never resubscribed`);
    if (resync.resynced < resync.clients) failures.push(`${resync.clients - resync.resynced} client(s) never resynced`);
    if (!(resync.snapshot_ms.max <= 10_000)) failures.push(`slowest resync ${resync.snapshot_ms.max} ms > 10 s`);
    const gap = answersSentBetween(result, dropAt, dropAt + refuseMs);
    return report(
      "Realtime restarts mid-question",
      `all ${realtimePlayers} clients resubscribe and refetch the snapshot within 10 s; no acked answer lost; answers sent in the gap land`,
      result,
      failures,
      { sockets_dropped: dropped, refuse_ms: refuseMs, answers_sent_in_gap: gap.sent, answers_in_gap_acked: gap.acked },
      resync,
    );
  },

  async redis(h) {
    const proxy = h.redisProxy;
    const phases: { mode: string; question: QuestionContext; chunksBefore: number }[] = [];
    const result = await playGame({
      appUrl: h.appUrl,
      players,
      questions: 3,
      timeLimitS: 10,
      think: { kind: "uniform", windowMs: 4000 },
      log,
      async duringQuestion(q) {
        const mode =
          q.index === 0
            ? ({ kind: "refuse" } as const)
            : q.index === 1
              ? ({ kind: "delay", ms: 2000 } as const)
              : ({ kind: "pass" } as const);
        phases.push({
          mode: mode.kind === "delay" ? "delay 2000 ms" : mode.kind,
          question: q,
          chunksBefore: proxy.chunks.pass ?? 0,
        });
        await proxy.setMode(mode);
        log(`Redis proxy: ${phases.at(-1)!.mode}`);
      },
    });
    await proxy.setMode({ kind: "pass" });
    const failures: string[] = [];
    const perPhase = phases.map((p) => ({ mode: p.mode, answers: answerFigures(result, [p.question.questionId]) }));
    const delayed = perPhase[1]?.answers.ack_ms;
    if (delayed && !(delayed.p99 < 2000)) failures.push(`acks waited for the slow Redis (p99 ${delayed.p99} ms)`);
    const recovered = (proxy.chunks.pass ?? 0) - (phases[2]?.chunksBefore ?? 0);
    if (recovered <= 0) failures.push("the app did not use Redis again after it came back");
    return report(
      "Redis (Upstash) unreachable, then slow, then back",
      "the game goes on (rate limits are decided in process; Redis only reconciles them, in the background); nothing lost; acks do not wait for a slow Redis; Redis used again once back",
      result,
      failures,
      { phases: perPhase, redis_requests_after_recovery: recovered, redis_requests_by_mode: { ...proxy.chunks } },
    );
  },

  async app(h) {
    let downMs = 0;
    const result = await playGame({
      appUrl: h.appUrl,
      players,
      questions: 2,
      timeLimitS: 30,
      think: { kind: "uniform", windowMs: 12_000 },
      log,
      async duringQuestion(q) {
        if (q.index !== 0) return;
        await sleep(3000);
        const killedAt = Date.now();
        await h.app.kill("SIGKILL");
        await h.app.start();
        downMs = Date.now() - killedAt;
        log(`app killed (SIGKILL) and back after ${downMs} ms`);
      },
    });
    return report(
      "The app process is killed (SIGKILL) mid-question and restarted",
      "the session resumes where it was; answers in flight are retried and land; acknowledged == persisted",
      result,
      [],
      { app_down_ms: downMs, retried_answers: answerFigures(result).retries },
    );
  },
  async db(h) {
    const drops: number[] = [];
    const result = await playGame({
      appUrl: h.appUrl,
      players,
      questions: 2,
      timeLimitS: 10,
      think: { kind: "burst", windowMs: 1500 },
      log,
      async duringQuestion(q) {
        if (q.index !== 0) return;
        for (const wait of [200, 300, 300]) {
          await sleep(wait);
          drops.push(await h.stack.db.dropConnections());
        }
        log(`database connections dropped 3 times during the burst (${drops.join(", ")} connections)`);
      },
    });
    const failures: string[] = [];
    // Afterwards the pools must serve again: 12 hosts at once sign in (the stack's pool) and create a quiz
    // (the app's), touching every pooled connection. Last in the run, so a hang here blames this fault.
    const probe = await serviceProbe(h.appUrl, 12, 30_000);
    if (probe.failed > 0) failures.push(`after the drops ${probe.failed}/12 fresh requests failed or hung > 30 s`);
    const internal = result.errors.answer_internal ?? 0;
    if (internal > 0) failures.push(`${internal} answer request(s) got a 500 instead of a retryable 503`);
    return report(
      `Database connections dropped during an answer burst (${h.stack.db.backend})`,
      "answers retried with the same id; acknowledged == persisted; a dead connection is a 503, not a 500",
      result,
      failures,
      { connections_dropped: drops, answer_503: result.errors.answer_unavailable ?? 0, probe_after: probe },
    );
  },
};

/** `n` hosts at once: sign in, create a quiz; how many failed or took longer than `timeoutMs`. */
async function serviceProbe(appUrl: string, n: number, timeoutMs: number) {
  const http = new HttpClient(appUrl);
  try {
    const config = (await http.json<{ supabaseUrl: string; supabaseAnonKey: string }>("/api/config")).body;
    const outcomes = await Promise.all(
      Array.from({ length: n }, async () => {
        const attempt = (async () => {
          const host = new Host(http, await signInHost(config, { email: null, password: null }));
          await host.createQuiz(loadQuiz(1, 10));
          return true;
        })().catch(() => false);
        return Promise.race([attempt, sleep(timeoutMs).then(() => false)]);
      }),
    );
    return { requests: n, failed: outcomes.filter((ok) => !ok).length };
  } finally {
    http.close();
  }
}

function answersSentBetween(result: GameResult, from: number, to: number) {
  let sent = 0;
  let acked = 0;
  for (const r of result.records)
    for (const a of r.answers)
      if (a.sentAt >= from && a.sentAt <= to) {
        sent += 1;
        if (a.outcome === "acknowledged") acked += 1;
      }
  return { sent, acked };
}

const fmt = (d: Distribution) => (d.count ? `${d.p50}/${d.p99}/${d.max}` : "–");

function table(reports: FaultReport[]): string {
  const rows = reports.map((r) => [
    r.ok ? "PASS" : "FAIL",
    r.fault,
    `${r.answers.sent}/${r.answers.acked}/${r.answers.persisted} (lost ${r.answers.lost}, not landed ${r.answers.not_landed}, retries ${r.answers.retries})`,
    r.resync
      ? `${r.resync.resynced}/${r.resync.clients}: sub ${fmt(r.resync.subscribed_ms)}, snap ${fmt(r.resync.snapshot_ms)}`
      : "–",
    Object.entries(r.errors)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([code, n]) => `${code}×${n}`)
      .join(", ") || "0",
  ]);
  const header = ["", "fault", "answers sent/acked/persisted", "resync ms p50/p99/max", "errors (top)"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  const lines = [line(header), ...rows.map(line)];
  for (const r of reports) {
    lines.push(`  ${r.fault}: expect ${r.expectation}`);
    for (const failure of r.failures) lines.push(`    ✗ ${failure}`);
  }
  return lines.join("\n");
}

const harness = await startHarness();
log(`app ${harness.appUrl}; stack ${harness.stack.apiUrl} (Postgres: ${harness.stack.db.backend})`);
const reports: FaultReport[] = [];
let crashed = false;
try {
  for (const [name, run] of Object.entries(faults)) {
    if (only && !only.includes(name)) continue;
    log(`fault: ${name}`);
    try {
      reports.push(await run(harness));
    } catch (error) {
      crashed = true;
      console.error(
        `fault ${name} could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    log(`${name}: ${reports.at(-1)?.ok ? "expectations met" : "FAILED"}`);
  }
} finally {
  await harness.stop();
}

console.log(`\nPubQuiz faults — ${reports.length} run\n${table(reports)}`);
mkdirSync(dirname(jsonPath), { recursive: true });
writeFileSync(
  jsonPath,
  `${JSON.stringify(
    {
      started_at: new Date(startedAt).toISOString(),
      duration_s: Math.round((Date.now() - startedAt) / 1000),
      machine: {
        cpus: availableParallelism(),
        load_average: loadavg().map((l) => Math.round(l * 100) / 100),
        node: process.version,
      },
      database: harness.stack.db.backend,
      reports,
    },
    null,
    2,
  )}\n`,
);
console.log(`figures written to ${jsonPath}; the app's log in .faults/app.log`);
process.exit(crashed || reports.some((r) => !r.ok) ? 1 : 0);
