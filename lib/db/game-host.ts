import { z } from "zod";
import type { QuizInput } from "@/lib/game/quiz";
import { callGame } from "./call";
import { selectAsCaller, type CallerClaims } from "./as-caller";
import type { Db, Tx } from "./client";
import {
  closeResultSchema,
  createSessionResultSchema,
  createTeamResultSchema,
  eventResultSchema,
  type EventResult,
} from "./results";

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

type SessionSettings = { isLocked?: boolean; allowLateJoin?: boolean; teamsEnabled?: boolean };

export function updateSessionSettings(tx: Tx, sessionId: string, settings: SessionSettings) {
  return callGame(eventResultSchema, tx`select ${settingsCall(tx, sessionId, settings)} as result`);
}

export function kickParticipant(tx: Tx, sessionId: string, participantId: string) {
  return callGame(eventResultSchema, tx`select ${kickCall(tx, sessionId, participantId)} as result`);
}

/** Host or player (a player creating a team joins it). */
export function createTeam(tx: Tx, sessionId: string, name: string) {
  return callGame(createTeamResultSchema, tx`select ${createTeamCall(tx, sessionId, name)} as result`);
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
  return callGame(eventResultSchema, tx`select ${flowCall(tx, sessionId, action)} as result`);
}

/** Host at any time; any player once deadline + grace has passed. Idempotent (event null when already closed). */
export function closeQuestion(tx: Tx, sessionId: string) {
  return callGame(closeResultSchema, tx`select ${closeCall(tx, sessionId)} as result`);
}

/** Everything the host's console does to a running session. */
export type HostStep =
  | { action: FlowAction | "close" }
  | { action: "kick"; participantId: string }
  | ({ action: "settings" } & SessionSettings)
  | { action: "create_team"; name: string };

/**
 * One host step as the caller, in one statement and one round trip (see selectAsCaller): each step is a single
 * game.* call, so a transaction around it would only add round trips. 100 hosts acting at once (the load tool's
 * lockstep sessions) cost the app a quarter of the database writes.
 */
export function hostStepAs(db: Db, claims: CallerClaims, sessionId: string, step: HostStep): Promise<EventResult> {
  switch (step.action) {
    case "kick":
      return callGame(eventResultSchema, () => selectAsCaller(db, claims, kickCall(db, sessionId, step.participantId)));
    case "settings":
      return callGame(eventResultSchema, () => selectAsCaller(db, claims, settingsCall(db, sessionId, step)));
    case "create_team":
      return callGame(createTeamResultSchema, () =>
        selectAsCaller(db, claims, createTeamCall(db, sessionId, step.name)),
      );
    case "close":
      return callGame(closeResultSchema, () => selectAsCaller(db, claims, closeCall(db, sessionId)));
    default: {
      const action = step.action;
      return callGame(eventResultSchema, () => selectAsCaller(db, claims, flowCall(db, sessionId, action)));
    }
  }
}

const flowCall = (sql: Db | Tx, sessionId: string, action: FlowAction) =>
  sql`${sql.unsafe(`game.${FLOW_FUNCTIONS[action]}`)}(${sessionId}::uuid)`;
const closeCall = (sql: Db | Tx, sessionId: string) => sql`game.close_question(${sessionId}::uuid)`;
const kickCall = (sql: Db | Tx, sessionId: string, participantId: string) =>
  sql`game.kick_participant(${sessionId}::uuid, ${participantId}::uuid)`;
const createTeamCall = (sql: Db | Tx, sessionId: string, name: string) =>
  sql`game.create_team(${sessionId}::uuid, ${name})`;
const settingsCall = (sql: Db | Tx, sessionId: string, settings: SessionSettings) =>
  sql`game.update_session_settings(${sessionId}::uuid, ${settings.isLocked ?? null}::boolean,
        ${settings.allowLateJoin ?? null}::boolean, ${settings.teamsEnabled ?? null}::boolean)`;

/** Replaces a quiz's content (owner only; refused while a session of it is running). */
export function saveQuiz(tx: Tx, quizId: string, quiz: QuizInput) {
  return callGame(z.guid(), tx`select game.save_quiz(${quizId}::uuid, ${JSON.stringify(quiz)}::text::jsonb) as result`);
}
