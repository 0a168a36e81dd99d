import { describe, expect, it } from "vitest";
import type { GameEvent } from "@/lib/game/events";
import type { PlayerSnapshot } from "@/lib/game/snapshot";
import { applyPlayerEvent } from "./apply-event";

const SESSION = "00000000-0000-4000-8000-000000000001";
const QUESTION = "00000000-0000-4000-8000-000000000002";
const ME = "00000000-0000-4000-8000-000000000003";
const ANSWER = "00000000-0000-4000-8000-000000000004";

const answered = {
  id: ANSWER,
  question_id: QUESTION,
  response: { choices: ["b"] },
  received_at: "2026-12-02T20:00:03.000Z",
  elapsed_ms: 3000,
  is_correct: null,
  points: null,
  streak_bonus: null,
};

/** A phone's snapshot while a closed question awaits its reveal. */
const locked = {
  role: "player",
  session: { id: SESSION, state: "locked", seq: 3, player_seq: 2 },
  player_count: 2,
  reveal: null,
  leaderboard: null,
  me: {
    participant: { id: ME, session_id: SESSION, nickname: "Ada", team_id: null, joined_at: "2026-12-02T20:00:00Z" },
    score: 0,
    rank: 1,
    streak: null,
    correct_count: null,
    team: null,
  },
  my_answer: answered,
} as unknown as PlayerSnapshot;

const reveal = {
  seq: 4,
  player_seq: 3,
  audience: "personal",
  session_id: SESSION,
  state: "revealed",
  at: "2026-12-02T20:00:20.000Z",
  type: "question_revealed",
  question_id: QUESTION,
  key: { correct_option_ids: ["b"], accepted_answers: [], target: null, tolerance: null, explanation: null },
  stats: { answer_count: 1, correct_count: 1, mean_elapsed_ms: 3000, distribution: [] },
  player_count: 2,
} as const satisfies GameEvent;

describe("applyPlayerEvent: the player's own copy of the reveal and the end", () => {
  it("takes the result it carries: points, streak, rank, score, and the scored answer", () => {
    const myCopy: GameEvent = {
      ...reveal,
      me: { score: 925, rank: 1, streak: 1, correct_count: 1, team: null },
      my_answer: { ...answered, is_correct: true, points: 925, streak_bonus: 0 },
    };
    const next = applyPlayerEvent(locked, myCopy);
    expect(next.session).toMatchObject({ state: "revealed", seq: 4, player_seq: 3 });
    expect(next.reveal).toMatchObject({ question_id: QUESTION, key: { correct_option_ids: ["b"] } });
    expect(next.me).toEqual({ ...locked.me, score: 925, rank: 1, streak: 1, correct_count: 1 });
    expect(next.my_answer).toMatchObject({ is_correct: true, points: 925, response: { choices: ["b"] } });
  });

  it("a copy without a result (the public one) leaves the player's own standing as it was", () => {
    const next = applyPlayerEvent(locked, reveal);
    expect(next.me).toEqual(locked.me);
    expect(next.my_answer).toEqual(answered);
  });

  it("a player who did not answer is told so (my_answer null)", () => {
    const next = applyPlayerEvent(locked, {
      ...reveal,
      me: { score: 0, rank: 2, streak: 0, correct_count: 0, team: null },
      my_answer: null,
    });
    expect(next.my_answer).toBeNull();
    expect(next.me.rank).toBe(2);
  });

  it("the end carries the final standing", () => {
    const team = { team_id: SESSION, name: "Red", member_count: 2, score: 700, rank: 1 };
    const next = applyPlayerEvent(locked, {
      ...reveal,
      seq: 7,
      player_seq: 5,
      state: "finished",
      type: "session_finished",
      podium: [],
      teams: [team],
      me: { score: 1800, rank: 1, streak: 2, correct_count: 2, team },
    });
    expect(next.me).toMatchObject({ score: 1800, rank: 1, team: { name: "Red" } });
    expect(next.leaderboard).toEqual({ top: [], teams: [team] });
  });
});
