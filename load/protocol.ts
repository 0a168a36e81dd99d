import type { Think } from "./args";

/** Messages between the orchestrator (cli) and its player worker processes (player-worker.ts). */

export type PlayerAssignment = { index: number; sessionId: string; pin: string };

export type WorkerInit = {
  type: "init";
  appUrl: string;
  supabaseUrl: string;
  supabaseAnonKey: string;
  think: Think;
  joinConcurrency: number;
  runId: string;
  players: PlayerAssignment[];
};

export type ParentMessage = WorkerInit | { type: "stop" };

export type AnswerRecord = {
  questionId: string;
  answerId: string;
  /** Epoch ms (Date.now clock, shared by every process on this machine). */
  sentAt: number;
  doneAt: number;
  /** sentAt was before the deadline + grace, by the server clock as estimated from the event. */
  sentInTime: boolean;
  outcome: "acknowledged" | "rejected" | "expired";
  code?: string;
  attempts: number;
};

export type PlayerRecord = {
  index: number;
  sessionId: string;
  participantId: string | null;
  joinStartedAt: number;
  /** When the channel reported SUBSCRIBED: the player can hear the game. */
  joinedAt: number | null;
  signInMs: number | null;
  joinApiMs: number | null;
  subscribeMs: number | null;
  joinError: string | null;
  messages: number;
  resyncs: number;
  /** Epoch ms of every channel SUBSCRIBED (the first join, then each rejoin) and every snapshot fetched. */
  subscribedAt: number[];
  snapshotAt: number[];
  /** question id → epoch ms of receipt, per event type that starts a question. */
  openedAt: Record<string, number>;
  answers: AnswerRecord[];
};

export type WorkerProgress = {
  type: "progress";
  joined: number;
  joinFailed: number;
  messages: number;
  answersSent: number;
  answersAcked: number;
  /** New answer deliveries finished since the last progress message: [sessionId, questionId, count]. */
  done: [string, string, number][];
  errors: Record<string, number>;
};

export type WorkerMessage =
  | WorkerProgress
  | { type: "joined-all"; joinedBySession: Record<string, number> }
  | {
      type: "result";
      players: PlayerRecord[];
      /** Epoch second → broadcast messages delivered in it, over this worker's players. */
      messageBuckets: Record<string, number>;
      errors: Record<string, number>;
      cpuMs: number;
      rssMb: number;
      /** This process's event-loop delay during the game (ms): late timers and late receipts are the tool's own. */
      loopDelayMs: { p99: number; max: number };
    };
