import { randomBytes } from "node:crypto";
import { createClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import type { GameEvent } from "@/lib/game/events";
import type { QuizInput } from "@/lib/game/quiz";
import type { Session } from "@/lib/game/shapes";
import type { HttpClient } from "./http-client";

/**
 * The simulated quiz master: an email account (signed up on the spot, or given with --host-email), a quiz
 * created through POST /api/quizzes, sessions through POST /api/sessions, and every step of the game through
 * POST /api/sessions/<id>/actions — the same API the host console uses.
 */

export async function signInHost(
  config: { supabaseUrl: string; supabaseAnonKey: string },
  account: { email: string | null; password: string | null },
): Promise<string> {
  const client = createClient(config.supabaseUrl, config.supabaseAnonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
  });
  if (account.email && account.password) {
    const { data, error } = await client.auth.signInWithPassword({ email: account.email, password: account.password });
    if (error || !data.session) throw new Error(`host sign-in failed: ${error?.message ?? "no session"}`);
    return data.session.access_token;
  }
  const email = `load-host-${randomBytes(6).toString("hex")}@example.com`;
  const password = randomBytes(18).toString("base64url");
  const { data, error } = await client.auth.signUp({ email, password });
  if (error) throw new Error(`host sign-up failed: ${error.message}`);
  if (!data.session)
    throw new Error(
      "host sign-up needs an email confirmation on this deployment: create a host account once and pass --host-email/--host-password",
    );
  return data.session.access_token;
}

/** Q single-choice questions with four options; the time limit covers the think window plus slack. */
export function loadQuiz(questions: number, timeLimitS: number): QuizInput {
  return {
    title: `Load test ${new Date().toISOString()}`,
    questions: Array.from({ length: questions }, (_, i) => ({
      kind: "single" as const,
      prompt: `Question ${i + 1}: which letter?`,
      options: ["a", "b", "c", "d"].map((id) => ({ id, text: id.toUpperCase() })),
      time_limit_s: timeLimitS,
      key: { correct_option_ids: ["a"] },
    })),
  };
}

export class Host {
  constructor(
    private readonly http: HttpClient,
    private readonly token: string,
  ) {}

  async createQuiz(quiz: QuizInput): Promise<string> {
    return (await this.http.json<{ quizId: string }>("/api/quizzes", { body: quiz, token: this.token })).body.quizId;
  }

  async startSession(quizId: string): Promise<Session> {
    return (await this.http.json<{ session: Session }>("/api/sessions", { body: { quizId }, token: this.token })).body
      .session;
  }

  /** One host action; returns the event and when the request was sent and answered (epoch ms). */
  async act(sessionId: string, action: string): Promise<{ event: GameEvent | null; sentAt: number; doneAt: number }> {
    const sentAt = Date.now();
    const { body } = await this.http.json<{ event: GameEvent | null }>(`/api/sessions/${sessionId}/actions`, {
      body: { action },
      token: this.token,
    });
    return { event: body.event, sentAt, doneAt: Date.now() };
  }

  async report(sessionId: string): Promise<SessionReportBody> {
    return (await this.http.json<SessionReportBody>(`/api/sessions/${sessionId}/report`, { token: this.token })).body;
  }
}

/** The part of GET /api/sessions/<id>/report the tool reads: who answered which question. */
export type SessionReportBody = {
  report: { players: { participant_id: string; answers: { question_id: string }[] }[] };
};
