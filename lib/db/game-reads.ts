import { snapshotSchema } from "@/lib/game/snapshot";
import { callGame } from "./call";
import type { Tx } from "./client";
import { leaderboardResultSchema, questionResultsSchema, sessionReportSchema } from "./results";

export type SnapshotView = "host" | "player" | "screen";

/** The state the caller may see now; `view: "screen"` lets a host drive a projector without the key. */
export function getSnapshot(tx: Tx, sessionId: string, view?: SnapshotView) {
  return callGame(snapshotSchema, tx`select game.session_snapshot(${sessionId}::uuid, ${view ?? null}) as result`);
}

export function getLeaderboard(tx: Tx, sessionId: string, limit = 10) {
  return callGame(
    leaderboardResultSchema,
    tx`select game.leaderboard(${sessionId}::uuid, ${limit}::integer) as result`,
  );
}

/** Host only. */
export function getQuestionResults(tx: Tx, sessionId: string, questionId: string) {
  return callGame(
    questionResultsSchema,
    tx`select game.question_results(${sessionId}::uuid, ${questionId}::uuid) as result`,
  );
}

/** Host only. */
export function getSessionReport(tx: Tx, sessionId: string) {
  return callGame(sessionReportSchema, tx`select game.session_report(${sessionId}::uuid) as result`);
}
