import type { AnswerResponse } from "@/lib/game/shapes";
import { callGame } from "./call";
import { selectAsCaller, type CallerClaims } from "./as-caller";
import type { Db, Tx } from "./client";
import {
  attachScreenResultSchema,
  joinResultSchema,
  lookupPinResultSchema,
  pickTeamResultSchema,
  submitAnswerResultSchema,
} from "./results";

/** Player and screen use of the game.* functions (anonymous sign-ins are `authenticated`). */

export function lookupPin(tx: Tx, pin: string) {
  return callGame(lookupPinResultSchema, tx`select game.lookup_pin(${pin}) as result`);
}

type JoinInput = { pin: string; nickname: string; teamId?: string | null };

export function joinSession(tx: Tx, input: JoinInput) {
  return callGame(joinResultSchema, tx`select ${joinSessionCall(tx, input)} as result`);
}

/** A join (no new team) in one statement and one round trip, as the caller: the join wave's path. */
export function joinSessionAs(db: Db, claims: CallerClaims, input: JoinInput) {
  return callGame(joinResultSchema, () => selectAsCaller(db, claims, joinSessionCall(db, input)), {
    idempotent: true, // a second join is a rejoin: the same participant
  });
}

function joinSessionCall(sql: Db | Tx, input: JoinInput) {
  return sql`game.join_session(${input.pin}, ${input.nickname}, ${input.teamId ?? null}::uuid)`;
}

export function pickTeam(tx: Tx, sessionId: string, teamId: string) {
  return callGame(pickTeamResultSchema, tx`select game.pick_team(${sessionId}::uuid, ${teamId}::uuid) as result`);
}

export function attachScreen(tx: Tx, pin: string) {
  return callGame(attachScreenResultSchema, tx`select game.attach_screen(${pin}) as result`);
}

/** `answerId` is the client's id for this answer (retries reuse it). */
export function submitAnswer(
  tx: Tx,
  input: { sessionId: string; questionId: string; answerId: string; response: AnswerResponse },
) {
  return callGame(submitAnswerResultSchema, tx`select ${submitAnswerCall(tx, input)} as result`);
}

/** The hot path: one statement, one round trip, as the caller (see `selectAsCaller`). */
export function submitAnswerAs(
  db: Db,
  claims: CallerClaims,
  input: { sessionId: string; questionId: string; answerId: string; response: AnswerResponse },
) {
  return callGame(submitAnswerResultSchema, () => selectAsCaller(db, claims, submitAnswerCall(db, input)), {
    idempotent: true, // keyed by the answer id
  });
}

function submitAnswerCall(
  sql: Db | Tx,
  input: { sessionId: string; questionId: string; answerId: string; response: AnswerResponse },
) {
  return sql`game.submit_answer(${input.sessionId}::uuid, ${input.questionId}::uuid, ${input.answerId}::uuid,
                                ${JSON.stringify(input.response)}::text::jsonb)`;
}
