import { snapshotSchema } from "@/lib/game/snapshot";
import { selectAsCaller, type CallerClaims } from "./as-caller";
import { callGame } from "./call";
import type { Db, Tx } from "./client";
import { leaderboardResultSchema, questionResultsSchema, sessionReportSchema } from "./results";

export type SnapshotView = "host" | "player" | "screen";

/** The state the caller may see now; `view: "screen"` lets a host drive a projector without the key. */
export function getSnapshot(tx: Tx, sessionId: string, view?: SnapshotView) {
  return callGame(snapshotSchema, tx`select ${snapshotCall(tx, sessionId, view)} as result`);
}

/** The same in one round trip (see `selectAsCaller`): every phone fetches it after a reveal. */
export function getSnapshotAs(db: Db, claims: CallerClaims, sessionId: string, view?: SnapshotView) {
  return callGame(snapshotSchema, () => selectAsCaller(db, claims, snapshotCall(db, sessionId, view)), {
    idempotent: true,
  });
}

function snapshotCall(sql: Db | Tx, sessionId: string, view?: SnapshotView) {
  return sql`game.session_snapshot(${sessionId}::uuid, ${view ?? null})`;
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
