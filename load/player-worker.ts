/**
 * A player worker process: runs many SimulatedPlayers (each with its own supabase-js client and WebSocket)
 * and reports progress to the orchestrator every 250 ms, then every record at the end. Started by cli.ts
 * with `node --import tsx`; speaks only over the IPC channel.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { HttpClient } from "./http-client";
import { SimulatedPlayer } from "./player";
import { QuietQueue } from "./quiet-queue";
import type { ParentMessage, WorkerInit, WorkerMessage } from "./protocol";

const send = (message: WorkerMessage) => process.send?.(message);

const errors: Record<string, number> = {};
const messageBuckets: Record<string, number> = {};
const done = new Map<string, number>();
let joined = 0;
let joinFailed = 0;
let messages = 0;
let answersSent = 0;
let answersAcked = 0;
let players: SimulatedPlayer[] = [];
let stopping = false;
// However long the run, the records must reach the orchestrator: players still joining or delivering when
// asked to stop get this long to finish, then their records are sent as they stand.
const CLOSE_TIMEOUT_MS = 20_000;
// How late this process's event loop runs once the game is on (after the join wave).
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
const inbox = new QuietQueue();

const hooks = {
  onMessage(at: number) {
    messages += 1;
    const second = String(Math.floor(at / 1000));
    messageBuckets[second] = (messageBuckets[second] ?? 0) + 1;
  },
  onAnswerDone(record: { questionId: string; outcome: string }, sessionId: string) {
    answersSent += 1;
    if (record.outcome === "acknowledged") answersAcked += 1;
    const key = `${sessionId} ${record.questionId}`;
    done.set(key, (done.get(key) ?? 0) + 1);
  },
  onError(code: string) {
    errors[code] = (errors[code] ?? 0) + 1;
  },
  defer: (task: () => void) => inbox.push(task),
};

function reportProgress(): void {
  const batch: [string, string, number][] = [...done].map(([key, count]) => {
    const [sessionId, questionId] = key.split(" ") as [string, string];
    return [sessionId, questionId, count];
  });
  done.clear();
  send({
    type: "progress",
    joined,
    joinFailed,
    messages,
    answersSent,
    answersAcked,
    done: batch,
    errors: { ...errors },
  });
}

async function start(init: WorkerInit): Promise<void> {
  // One HTTP client per phone: each keeps its own keep-alive connection from the join on, as a phone's
  // browser does. (A shared pool would open thousands of connections at the first answer burst instead.)
  players = init.players.map(
    (assignment) => new SimulatedPlayer(assignment, init, new HttpClient(init.appUrl, { maxSockets: 6 }), hooks),
  );
  const queue = [...players];
  const chain = async () => {
    for (let player = queue.shift(); player && !stopping; player = queue.shift()) {
      if (await player.join()) joined += 1;
      else joinFailed += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(init.joinConcurrency, players.length) }, chain));
  reportProgress();
  const joinedBySession: Record<string, number> = {};
  for (const { record } of players)
    if (record.joinedAt !== null) joinedBySession[record.sessionId] = (joinedBySession[record.sessionId] ?? 0) + 1;
  // One process holds a thousand phones' clients, so the join wave leaves one heap a thousand times a phone's,
  // its young generation full: the first question's frames then arrive during garbage collections (two 7–12 ms
  // pauses in each worker in that window, measured), which stamp every receipt behind them late. A phone's heap
  // is small and its own. Collect now, in the lobby, before reporting in.
  (globalThis as { gc?: () => void }).gc?.();
  send({ type: "joined-all", joinedBySession });
  loopDelay.enable();
}

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearInterval(progressTimer);
  // The game is over: closing thousands of clients below is not the game's delay.
  loopDelay.disable();
  inbox.flush();
  const loopDelayMs = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
  const closed = Promise.all(players.map((player) => player.close()));
  const timedOut = await Promise.race([
    closed.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), CLOSE_TIMEOUT_MS)),
  ]);
  if (timedOut) errors.worker_close_timed_out = (errors.worker_close_timed_out ?? 0) + 1;
  reportProgress();
  const usage = process.cpuUsage();
  const result: WorkerMessage = {
    type: "result",
    players: players.map((player) => player.record),
    messageBuckets,
    errors,
    cpuMs: (usage.user + usage.system) / 1000,
    rssMb: process.memoryUsage().rss / 1024 / 1024,
    loopDelayMs,
  };
  for (const player of players) player.closeConnections();
  // Exit only once the (large) result has been handed to the IPC channel.
  process.send?.(result, undefined, {}, () => process.exit(0));
}

const progressTimer = setInterval(reportProgress, 250);
process.on("message", (message: ParentMessage) => {
  if (message.type === "init") void start(message);
  else if (message.type === "stop") void stop();
});
process.on("disconnect", () => process.exit(0));
