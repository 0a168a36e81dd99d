import type { GameEvent } from "@/lib/game/events";
import type { PlayerSnapshot } from "@/lib/game/snapshot";

/**
 * Folds one broadcast event into the player's snapshot, so a phone needs no fetch per event (2,000 phones
 * refetching on every event would be a thundering herd). The reveal and the end arrive as the player's own
 * copy, with its result (points, streak, rank, team): they replace what the snapshot said of it.
 */
export function applyPlayerEvent(snapshot: PlayerSnapshot, event: GameEvent): PlayerSnapshot {
  const session = { ...snapshot.session, seq: event.seq, player_seq: event.player_seq, state: event.state };
  const next: PlayerSnapshot = { ...snapshot, session };
  switch (event.type) {
    case "settings_changed":
      return {
        ...next,
        session: {
          ...session,
          is_locked: event.is_locked,
          allow_late_join: event.allow_late_join,
          teams_enabled: event.teams_enabled,
        },
      };
    case "team_created":
    case "player_kicked":
      return next;
    case "question_shown":
      return {
        ...next,
        question: event.question,
        my_answer: null,
        reveal: null,
        session: {
          ...session,
          question_id: event.question.id,
          question_index: event.question.index,
          deadline_at: null,
          opened_at: null,
          paused_at: null,
          remaining_ms: null,
        },
      };
    case "question_opened":
      // Phones do not receive question_shown (a stage event): the question comes with its opening.
      return {
        ...next,
        question: event.question,
        ...(snapshot.question?.id === event.question.id ? {} : { my_answer: null, reveal: null }),
        session: {
          ...session,
          question_id: event.question.id,
          question_index: event.question.index,
          opened_at: event.opened_at,
          deadline_at: event.deadline_at,
          paused_at: null,
          remaining_ms: event.remaining_ms,
        },
      };
    case "question_paused":
      return { ...next, session: { ...session, paused_at: event.paused_at, remaining_ms: event.remaining_ms } };
    case "question_resumed":
      return {
        ...next,
        session: { ...session, paused_at: null, deadline_at: event.deadline_at, remaining_ms: event.remaining_ms },
      };
    case "question_closed":
      return { ...next, player_count: event.player_count };
    case "question_revealed":
      return {
        ...next,
        player_count: event.player_count,
        reveal: { question_id: event.question_id, key: event.key, stats: event.stats },
        ...(event.me ? { me: { ...snapshot.me, ...event.me } } : {}),
        ...(event.my_answer !== undefined ? { my_answer: event.my_answer } : {}),
      };
    case "leaderboard_shown":
      return { ...next, player_count: event.player_count, leaderboard: { top: event.top, teams: event.teams } };
    case "session_finished":
      return {
        ...next,
        player_count: event.player_count,
        leaderboard: { top: event.podium, teams: event.teams },
        ...(event.me ? { me: { ...snapshot.me, ...event.me } } : {}),
      };
  }
}
