import { randomBytes } from "node:crypto";
import { ApiError } from "@/lib/client/api";
import type { Think } from "@/load/args";
import { Host, loadQuiz, signInHost } from "@/load/host";
import { HttpClient } from "@/load/http-client";
import type { PlayerRecord } from "@/load/protocol";
import { WorkerPool } from "@/load/workers";

const ANSWER_GRACE_MS = 1000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a fault sees of the question it strikes. */
export type QuestionContext = { index: number; questionId: string; openedAt: number; acceptUntil: number };

export type GameOptions = {
  appUrl: string;
  players: number;
  questions: number;
  timeLimitS: number;
  think: Think;
  workers?: number;
  /** Runs alongside each question once it is open (the fault); the round waits for it. */
  duringQuestion?: (question: QuestionContext) => Promise<void>;
  log: (line: string) => void;
};

export type GameResult = {
  records: PlayerRecord[];
  joined: number;
  /** "<participantId> <questionId>" of every answer Postgres holds (read back through the host's report). */
  persisted: Set<string>;
  reportRead: boolean;
  questions: QuestionContext[];
  finished: boolean;
  errors: Record<string, number>;
  hostRetries: number;
};

/**
 * One game with the load tool's simulated host and players (load/host.ts, load/player.ts in worker
 * processes): join, then per question start/next → open → (fault) → every answer delivered or the deadline
 * passed → close → reveal → leaderboard; finish; read back what Postgres holds. Host actions are retried
 * on network errors and 5xx, as a quiz master clicks again when the console says the server is away.
 */
export async function playGame(options: GameOptions): Promise<GameResult> {
  const http = new HttpClient(options.appUrl);
  const config = (await http.json<{ supabaseUrl: string; supabaseAnonKey: string }>("/api/config")).body;
  const host = new Host(http, await signInHost(config, { email: null, password: null }));
  const quizId = await host.createQuiz(loadQuiz(options.questions, options.timeLimitS));
  const session = await host.startSession(quizId);
  const errors: Record<string, number> = {};
  let hostRetries = 0;

  const act = async (action: string) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await host.act(session.id, action);
      } catch (error) {
        const retryable = !(error instanceof ApiError) || error.isRetryable;
        const code = `host_${action}_${error instanceof ApiError ? error.code : "failed"}`;
        errors[code] = (errors[code] ?? 0) + 1;
        // A retry of an action that did land is refused as out of order: the step happened.
        if (!retryable && attempt > 1) return null;
        if (!retryable || attempt > 120) throw error;
        hostRetries += 1;
        await sleep(500);
      }
    }
  };

  const pool = new WorkerPool(Math.min(options.workers ?? 2, options.players));
  const questions: QuestionContext[] = [];
  let finished = false;
  try {
    const joinStarted = Date.now();
    pool.start(
      {
        type: "init",
        appUrl: options.appUrl,
        supabaseUrl: config.supabaseUrl,
        supabaseAnonKey: config.supabaseAnonKey,
        think: options.think,
        joinConcurrency: 25,
        runId: String(randomBytes(3).readUIntBE(0, 3)),
      },
      Array.from({ length: options.players }, (_, index) => ({ index, sessionId: session.id, pin: session.pin })),
    );
    while (!pool.isJoinWaveOver && Date.now() - joinStarted < 300_000) await sleep(100);
    const joined = pool.joinedIn(session.id);
    options.log(`${joined}/${options.players} players joined in ${((Date.now() - joinStarted) / 1000).toFixed(1)} s`);

    for (let q = 0; q < options.questions; q++) {
      await act(q === 0 ? "start" : "next");
      const opened = await act("open");
      const event = opened?.event;
      if (!opened || event?.type !== "question_opened") throw new Error(`question ${q + 1} did not open`);
      const offsetMs = Date.parse(event.server_now) - opened.doneAt;
      const question: QuestionContext = {
        index: q,
        questionId: event.question_id,
        openedAt: opened.doneAt,
        acceptUntil: Date.parse(event.deadline_at) + ANSWER_GRACE_MS - offsetMs,
      };
      questions.push(question);
      const fault = options.duringQuestion?.(question) ?? Promise.resolve();
      const key = `${session.id} ${question.questionId}`;
      while ((pool.done.get(key) ?? 0) < joined && Date.now() < question.acceptUntil + 2000) await sleep(50);
      await fault;
      await act("close");
      await act("reveal");
      await act("leaderboard");
      await sleep(1000); // phones refetch their results within 800 ms of the reveal
    }
    finished = (await act("finish"))?.event?.type === "session_finished";
    await sleep(1000);
    const workers = await pool.stop();
    for (const [code, n] of Object.entries(workers.errors)) errors[code] = (errors[code] ?? 0) + n;

    const persisted = new Set<string>();
    let reportRead = false;
    for (let attempt = 1; attempt <= 5 && !reportRead; attempt++) {
      try {
        for (const player of (await host.report(session.id)).report.players)
          for (const answer of player.answers) persisted.add(`${player.participant_id} ${answer.question_id}`);
        reportRead = true;
      } catch {
        await sleep(2000);
      }
    }
    return { records: workers.records, joined, persisted, reportRead, questions, finished, errors, hostRetries };
  } finally {
    pool.kill();
    http.close();
  }
}
