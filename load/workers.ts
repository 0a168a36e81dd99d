import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { PlayerRecord, WorkerInit, WorkerMessage, WorkerProgress } from "./protocol";

type WorkerResult = Extract<WorkerMessage, { type: "result" }>;

/** The player worker processes, seen from the orchestrator: progress summed, results gathered. */
export class WorkerPool {
  private readonly children: ChildProcess[] = [];
  private readonly progress: WorkerProgress[] = [];
  private readonly results: WorkerResult[] = [];
  private readonly joinedBySession = new Map<string, number>();
  private joinedAll = 0;
  /** "<sessionId> <questionId>" → answer deliveries finished (acknowledged, rejected or expired). */
  readonly done = new Map<string, number>();

  constructor(count: number) {
    const entry = fileURLToPath(new URL("./player-worker.ts", import.meta.url));
    for (let i = 0; i < count; i++) {
      // --expose-gc: a worker collects its join wave's garbage before the game (player-worker.ts says why).
      const child = fork(entry, [], {
        execArgv: ["--import", "tsx", "--expose-gc"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      child.on("message", (message: WorkerMessage) => this.onMessage(i, message));
      this.children.push(child);
    }
  }

  private onMessage(worker: number, message: WorkerMessage): void {
    if (message.type === "progress") {
      this.progress[worker] = message;
      for (const [sessionId, questionId, count] of message.done) {
        const key = `${sessionId} ${questionId}`;
        this.done.set(key, (this.done.get(key) ?? 0) + count);
      }
    } else if (message.type === "joined-all") {
      this.joinedAll += 1;
      for (const [sessionId, n] of Object.entries(message.joinedBySession))
        this.joinedBySession.set(sessionId, (this.joinedBySession.get(sessionId) ?? 0) + n);
    } else {
      this.results[worker] = message;
    }
  }

  start(inits: Omit<WorkerInit, "players">, players: WorkerInit["players"]): void {
    this.children.forEach((child, i) =>
      child.send({ ...inits, players: players.filter((_, index) => index % this.children.length === i) }),
    );
  }

  get isJoinWaveOver(): boolean {
    return this.joinedAll === this.children.length;
  }

  joinedIn(sessionId: string): number {
    return this.joinedBySession.get(sessionId) ?? 0;
  }

  totals() {
    const sum = (pick: (p: WorkerProgress) => number) =>
      this.progress.reduce((total, p) => total + (p ? pick(p) : 0), 0);
    const errors: Record<string, number> = {};
    for (const p of this.progress)
      for (const [code, n] of Object.entries(p?.errors ?? {})) errors[code] = (errors[code] ?? 0) + n;
    return {
      joined: sum((p) => p.joined),
      joinFailed: sum((p) => p.joinFailed),
      messages: sum((p) => p.messages),
      answersSent: sum((p) => p.answersSent),
      answersAcked: sum((p) => p.answersAcked),
      errors,
    };
  }

  /** Asks every worker to close its players and send its records; resolves with all of them. */
  async stop(timeoutMs = 60_000): Promise<{
    records: PlayerRecord[];
    messageBuckets: Record<string, number>;
    errors: Record<string, number>;
    cpuMs: number;
    rssMbMax: number;
    loopDelayMs: { p99: number; max: number };
  }> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || !child.connected) return resolve();
            const timer = setTimeout(() => {
              child.kill();
              resolve();
            }, timeoutMs);
            child.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
            child.send({ type: "stop" });
          }),
      ),
    );
    const buckets: Record<string, number> = {};
    const errors: Record<string, number> = {};
    for (const result of this.results) {
      if (!result) continue;
      for (const [second, n] of Object.entries(result.messageBuckets)) buckets[second] = (buckets[second] ?? 0) + n;
      for (const [code, n] of Object.entries(result.errors)) errors[code] = (errors[code] ?? 0) + n;
    }
    const missing = this.children.length - this.results.filter(Boolean).length;
    if (missing) errors.worker_result_missing = missing;
    return {
      records: this.results.flatMap((r) => r?.players ?? []),
      messageBuckets: buckets,
      errors,
      cpuMs: this.results.reduce((total, r) => total + (r?.cpuMs ?? 0), 0),
      rssMbMax: this.results.reduce((max, r) => Math.max(max, r?.rssMb ?? 0), 0),
      // The worst worker's: its players' timestamps are as late as its loop.
      loopDelayMs: {
        p99: this.results.reduce((max, r) => Math.max(max, r?.loopDelayMs.p99 ?? 0), 0),
        max: this.results.reduce((max, r) => Math.max(max, r?.loopDelayMs.max ?? 0), 0),
      },
    };
  }

  kill(): void {
    for (const child of this.children) if (child.exitCode === null) child.kill();
  }
}
