import { z } from "zod";
import type { QuizInput } from "@/lib/game/quiz";
import { callGame } from "./call";
import type { Tx } from "./client";
import { closeResultSchema, createSessionResultSchema, createTeamResultSchema, eventResultSchema } from "./results";

/** Host use of the game.* functions. Each takes the transaction from asCaller (the host's claims). */

export function createQuiz(tx: Tx, quiz: QuizInput) {
  return callGame(z.guid(), tx`select game.create_quiz(${JSON.stringify(quiz)}::text::jsonb) as result`);
}

export function createSession(tx: Tx, input: { quizId: string; teamsEnabled?: boolean; allowLateJoin?: boolean }) {
  return callGame(
    createSessionResultSchema,
    tx`select game.create_session(${input.quizId}::uuid, ${input.teamsEnabled ?? false}::boolean,
                                  ${input.allowLateJoin ?? true}::boolean) as result`,
  );
}

export function updateSessionSettings(
  tx: Tx,
  sessionId: string,
  settings: { isLocked?: boolean; allowLateJoin?: boolean; teamsEnabled?: boolean },
) {
  return callGame(
    eventResultSchema,
    tx`select game.update_session_settings(${sessionId}::uuid, ${settings.isLocked ?? null}::boolean,
         ${settings.allowLateJoin ?? null}::boolean, ${settings.teamsEnabled ?? null}::boolean) as result`,
  );
}

export function kickParticipant(tx: Tx, sessionId: string, participantId: string) {
  return callGame(
    eventResultSchema,
    tx`select game.kick_participant(${sessionId}::uuid, ${participantId}::uuid) as result`,
  );
}

/** Host or player (a player creating a team joins it). */
export function createTeam(tx: Tx, sessionId: string, name: string) {
  return callGame(createTeamResultSchema, tx`select game.create_team(${sessionId}::uuid, ${name}) as result`);
}

const FLOW_FUNCTIONS = {
  start: "start_session",
  next: "next_question",
  open: "open_question",
  pause: "pause_question",
  resume: "resume_question",
  reveal: "reveal_question",
  leaderboard: "show_leaderboard",
  finish: "finish_session",
} as const;
export type FlowAction = keyof typeof FLOW_FUNCTIONS;

/** One step of the state machine (lib/game/state.ts); returns the event to broadcast. */
export function advanceSession(tx: Tx, sessionId: string, action: FlowAction) {
  const fn = FLOW_FUNCTIONS[action];
  return callGame(eventResultSchema, tx`select ${tx.unsafe(`game.${fn}`)}(${sessionId}::uuid) as result`);
}

/** Host at any time; any player once deadline + grace has passed. Idempotent (event null when already closed). */
export function closeQuestion(tx: Tx, sessionId: string) {
  return callGame(closeResultSchema, tx`select game.close_question(${sessionId}::uuid) as result`);
}

/** Replaces a quiz's content (owner only; refused while a session of it is running). */
export function saveQuiz(tx: Tx, quizId: string, quiz: QuizInput) {
  return callGame(z.guid(), tx`select game.save_quiz(${quizId}::uuid, ${JSON.stringify(quiz)}::text::jsonb) as result`);
}
