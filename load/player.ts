import { randomUUID } from "node:crypto";
import {
  createClient,
  REALTIME_SUBSCRIBE_STATES,
  type RealtimeChannel,
  type SupabaseClient,
} from "@supabase/supabase-js";
import WebSocket from "ws";
import { ApiError } from "@/lib/client/api";
import { deliverAnswer } from "@/lib/client/deliver-answer";
import { gameEventSchema, type GameEvent } from "@/lib/game/events";
import type { PublicQuestion } from "@/lib/game/shapes";
import { GAME_EVENT, playerTopic, sessionTopic } from "@/lib/realtime/topics";
import { thinkDelayMs, type Think } from "./args";
import type { HttpClient } from "./http-client";
import type { AnswerRecord, PlayerAssignment, PlayerRecord } from "./protocol";

// The server accepts answers until deadline + this grace (lib/client/deliver-answer callers use the same).
const ANSWER_GRACE_MS = 1000;

export type PlayerHooks = {
  onMessage: (at: number) => void;
  onAnswerDone: (record: AnswerRecord, sessionId: string) => void;
  onError: (code: string) => void;
  /** Runs a phone's handling of a message later (load/quiet-queue.ts: after the burst of receipts). */
  defer: (task: () => void) => void;
};

type Snapshot = { session: { player_seq: number }; question: PublicQuestion | null };

/**
 * One simulated phone, doing what components/player does with the same clients: anonymous sign-in
 * (supabase-js), join (POST /api/sessions/join with the Bearer token), the snapshot, the private channels
 * `session:<id>` and `session:<id>:user:<user id>` (its own results arrive there), and per question
 * one answer after a think time, delivered by the app's own deliverAnswer (same answer id until acknowledged
 * or past the deadline).
 */
export class SimulatedPlayer {
  readonly record: PlayerRecord;
  private client: SupabaseClient | null = null;
  private channels: RealtimeChannel[] = [];
  private token = "";
  private userId = "";
  private knownSeq = 0;
  private question: PublicQuestion | null = null;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly assignment: PlayerAssignment,
    private readonly config: { supabaseUrl: string; supabaseAnonKey: string; think: Think; runId: string },
    private readonly http: HttpClient,
    private readonly hooks: PlayerHooks,
  ) {
    this.record = {
      index: assignment.index,
      sessionId: assignment.sessionId,
      participantId: null,
      joinStartedAt: 0,
      joinedAt: null,
      signInMs: null,
      joinApiMs: null,
      subscribeMs: null,
      joinError: null,
      messages: 0,
      resyncs: 0,
      subscribedAt: [],
      snapshotAt: [],
      openedAt: {},
      answers: [],
    };
  }

  /** Sign in, join, subscribe. Resolves when the player can hear the game, or records why not. */
  async join(): Promise<boolean> {
    const r = this.record;
    r.joinStartedAt = Date.now();
    try {
      this.client = createClient(this.config.supabaseUrl, this.config.supabaseAnonKey, {
        auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
        realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
      });
      const { data, error } = await this.client.auth.signInAnonymously();
      if (error || !data.session) throw new JoinError(`auth_${error?.code ?? error?.status ?? "no_session"}`);
      this.token = data.session.access_token;
      this.userId = data.session.user.id;
      const signedInAt = Date.now();
      r.signInMs = signedInAt - r.joinStartedAt;

      // Digits only besides "Player": a random letter string could trip the nickname filter.
      const nickname = `Player ${this.assignment.index} ${this.config.runId}`;
      const joined = await this.http.json<{ participant: { id: string } }>("/api/sessions/join", {
        body: { pin: this.assignment.pin, nickname },
        token: this.token,
      });
      r.participantId = joined.body.participant.id;
      const joinedApiAt = Date.now();
      r.joinApiMs = joinedApiAt - signedInAt;

      // As the app does: follow both topics first, then load the state once (it covers both).
      await this.subscribe();
      await this.resync();
      r.joinedAt = Date.now();
      r.subscribeMs = r.joinedAt - joinedApiAt;
      return true;
    } catch (error) {
      const code =
        error instanceof JoinError
          ? error.message
          : error instanceof ApiError
            ? `join_${errorCode(error)}`
            : "join_failed";
      r.joinError = code;
      this.hooks.onError(code);
      return false;
    }
  }

  /** The session topic and the player's own (its copies of the reveal and the end), as the app follows them. */
  private subscribe(): Promise<void> {
    const client = this.client!;
    const { sessionId } = this.assignment;
    const topics = [sessionTopic(sessionId), playerTopic(sessionId, this.userId)];
    const channels = topics.map((topic) => client.channel(topic, { config: { private: true } }));
    this.channels = channels;
    for (const channel of channels)
      channel.on("broadcast", { event: GAME_EVENT }, ({ payload }) => this.onBroadcast(payload));
    const live = new Set<string>();
    return new Promise<void>((resolve, reject) => {
      void client.realtime.setAuth(this.token).then(() => {
        for (const channel of channels) {
          channel.subscribe((state) => {
            if (state === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED) {
              live.add(channel.topic);
              if (live.size < channels.length) return;
              this.record.subscribedAt.push(Date.now());
              // A resubscribe (after a drop) may have missed events: reload, as the app does. The first
              // subscribe is followed by join()'s own load.
              if (this.record.subscribedAt.length > 1) this.track(this.resync());
              resolve();
            } else if (
              state === REALTIME_SUBSCRIBE_STATES.CHANNEL_ERROR ||
              state === REALTIME_SUBSCRIBE_STATES.TIMED_OUT
            ) {
              live.delete(channel.topic);
              this.hooks.onError(`channel_${state.toLowerCase()}`);
              reject(new JoinError(`subscribe_${state.toLowerCase()}`));
            }
          });
        }
      }, reject);
    });
  }

  private onBroadcast(payload: unknown): void {
    const at = Date.now();
    this.record.messages += 1;
    this.hooks.onMessage(at);
    // Each phone has a CPU of its own; here hundreds share one process. What this phone does with the message
    // waits for the burst of receipts to end, so it does not delay the receipt (and timestamp) of the phones
    // after it; its think time still counts from `at`.
    this.hooks.defer(() => this.handle(payload, at));
  }

  private handle(payload: unknown, at: number): void {
    const parsed = gameEventSchema.safeParse(payload);
    if (!parsed.success) return this.hooks.onError("event_unparsable");
    const event = parsed.data;
    // Players follow player_seq: stage-only events (question shown, leaderboard) never reach them.
    if (event.player_seq <= this.knownSeq) return;
    if (event.player_seq !== this.knownSeq + 1) this.track(this.resync());
    this.knownSeq = event.player_seq;
    this.onEvent(event, at);
  }

  private onEvent(event: GameEvent, at: number): void {
    if (event.type === "question_opened") {
      this.question = event.question;
      this.record.openedAt[event.question_id] = at;
      const offsetMs = Date.parse(event.server_now) - at; // server clock − ours, as lib/client/server-clock does
      const acceptUntil = Date.parse(event.deadline_at) + ANSWER_GRACE_MS - offsetMs;
      this.track(this.answer(event.question_id, at, acceptUntil));
    } else if ((event.type === "question_revealed" || event.type === "session_finished") && !event.me) {
      // Every player's copy carries its own result (components/player needs nothing else).
      this.hooks.onError("personal_copy_missing");
    }
  }

  private async answer(questionId: string, receivedAt: number, acceptUntil: number): Promise<void> {
    await delay(receivedAt + thinkDelayMs(this.config.think) - Date.now());
    if (this.question?.id !== questionId) await this.resync();
    const options = this.question?.id === questionId ? this.question.options : [];
    const choice = options[Math.floor(Math.random() * options.length)]?.id;
    if (!choice) return this.hooks.onError("answer_no_question");
    const answerId = randomUUID();
    const record: AnswerRecord = {
      questionId,
      answerId,
      sentAt: Date.now(),
      doneAt: 0,
      sentInTime: Date.now() < acceptUntil,
      outcome: "expired",
      attempts: 0,
    };
    const final = await deliverAnswer({
      send: async () => {
        record.attempts += 1;
        const result = await this.http
          .json<{ answer: { received_at: string } }>(`/api/sessions/${this.assignment.sessionId}/answers`, {
            body: { answerId, questionId, response: { choices: [choice] } },
            token: this.token,
          })
          .catch((error: unknown) => {
            if (error instanceof ApiError) this.hooks.onError(`answer_${errorCode(error)}`);
            throw error;
          });
        return result.body;
      },
      msLeft: () => acceptUntil - Date.now(),
      onState: () => {},
    });
    record.doneAt = Date.now();
    record.outcome =
      final.status === "acknowledged" ? "acknowledged" : final.status === "rejected" ? "rejected" : "expired";
    if (final.status === "rejected") record.code = final.code;
    this.record.answers.push(record);
    this.hooks.onAnswerDone(record, this.assignment.sessionId);
  }

  private async resync(): Promise<void> {
    this.record.resyncs += 1;
    try {
      const { body } = await this.http.json<Snapshot>(`/api/sessions/${this.assignment.sessionId}/snapshot`, {
        token: this.token,
      });
      this.record.snapshotAt.push(Date.now());
      this.knownSeq = Math.max(this.knownSeq, body.session.player_seq);
      if (body.question) this.question = body.question;
    } catch (error) {
      this.hooks.onError(error instanceof ApiError ? `snapshot_${errorCode(error)}` : "snapshot_failed");
    }
  }

  private track(promise: Promise<unknown>): void {
    const tracked = promise.catch((error: unknown) => this.hooks.onError(`player_${String(error).slice(0, 40)}`));
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  closeConnections(): void {
    this.http.close();
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    for (const channel of this.channels) await this.client?.removeChannel(channel).catch(() => {});
    await this.client?.realtime.disconnect();
  }
}

class JoinError extends Error {}

/** The app's error code; for network failures the reason too (ECONNRESET, request timed out …). */
const errorCode = (error: ApiError) =>
  error.code === "network" ? `network_${error.message.replace(/\W+/g, "_").slice(0, 30)}` : error.code;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
