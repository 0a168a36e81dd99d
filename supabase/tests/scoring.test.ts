import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { QuizQuestionInput } from "@/lib/game/quiz";
import { scoreQuestion, type AnswerResponse, type ScorableQuestion, type Standing } from "@/lib/game/score-question";
import { advanceSession } from "@/lib/db";
import { startTestDb, type TestDb } from "./harness";
import { setElapsed, setupGame, type Game } from "./fixtures";

/**
 * Scoring tables: each row is [player, response, elapsed ms, expected points, expected correct, expected
 * streak bonus]. The database's result must equal the table AND the TypeScript mirror (lib/game).
 */

let t: TestDb;
beforeAll(async () => {
  t = await startTestDb();
});
afterAll(async () => {
  await t?.stop();
});

type Row = [
  player: number,
  response: AnswerResponse,
  elapsedMs: number,
  points: number,
  correct: boolean,
  bonus: number,
];

async function playQuestion(game: Game, question: QuizQuestionInput, rows: Row[]) {
  await game.step("open");
  const standingsBefore = await standings(game);
  for (const [player, response] of rows) await game.answer(game.players[player]!, response);
  await setElapsed(
    t,
    game.sessionId,
    new Map(rows.map(([player, , elapsed]) => [game.players[player]!.participantId, elapsed])),
  );
  const questionId = await game.currentQuestionId();
  await game.close();

  const stored =
    await t.admin`select participant_id, points, is_correct, streak_bonus from public.answers where question_id = ${questionId}`;
  const byParticipant = new Map(stored.map((row) => [row.participant_id as string, row]));
  for (const [player, , , points, correct, bonus] of rows) {
    const row = byParticipant.get(game.players[player]!.participantId);
    expect({ player, points: row?.points, correct: row?.is_correct, bonus: row?.streak_bonus }).toEqual({
      player,
      points,
      correct,
      bonus,
    });
  }

  const mirror = scoreQuestion(
    toScorable(question),
    rows.map(([player, response, elapsedMs]) => ({
      participantId: game.players[player]!.participantId,
      response,
      elapsedMs,
    })),
    standingsBefore,
  );
  for (const [participantId, result] of mirror.answers) {
    const row = byParticipant.get(participantId)!;
    expect(result).toEqual({ isCorrect: row.is_correct, points: row.points, streakBonus: row.streak_bonus });
  }
  expect(await standings(game)).toEqual(mirror.players);
  await game.step("reveal");
}

function toScorable(question: QuizQuestionInput): ScorableQuestion {
  return {
    kind: question.kind,
    points: question.points ?? 1000,
    timeLimitS: question.time_limit_s ?? 20,
    key: {
      correctOptionIds: question.key.correct_option_ids ?? [],
      acceptedAnswers: question.key.accepted_answers ?? [],
      target: question.key.target ?? null,
      tolerance: question.key.tolerance ?? null,
    },
  };
}

async function standings(game: Game): Promise<Standing[]> {
  const rows =
    await t.admin`select id, score, streak, correct_count from public.participants where session_id = ${game.sessionId}`;
  const byId = new Map(rows.map((row) => [row.id as string, row]));
  return game.players.map(({ participantId }) => {
    const row = byId.get(participantId)!;
    return { participantId, score: row.score, streak: row.streak, correctCount: row.correct_count };
  });
}

const options4 = [
  { id: "a", text: "A" },
  { id: "b", text: "B" },
  { id: "c", text: "C" },
  { id: "d", text: "D" },
];

const single: QuizQuestionInput = {
  kind: "single",
  prompt: "Single",
  time_limit_s: 20,
  options: options4,
  key: { correct_option_ids: ["b"] },
};
const multi: QuizQuestionInput = {
  kind: "multi",
  prompt: "Multi",
  time_limit_s: 20,
  options: options4,
  key: { correct_option_ids: ["a", "b", "c"] },
};
const numeric: QuizQuestionInput = {
  kind: "numeric",
  prompt: "Estimate",
  time_limit_s: 30,
  points: 2000,
  key: { target: 100, tolerance: 50 },
};
const typed: QuizQuestionInput = {
  kind: "typed",
  prompt: "Capital?",
  time_limit_s: 30,
  key: { accepted_answers: ["São Tomé", "Sao Tome City"] },
};
const warmUp: QuizQuestionInput = {
  kind: "true_false",
  prompt: "Warm-up",
  time_limit_s: 10,
  points: 0,
  key: { correct_option_ids: ["true"] },
};

describe("scoring tables", () => {
  test("fast, slow, wrong, missing, partial credit, numeric distance, typed folding and streaks", async () => {
    const quiz = { title: "Scoring", questions: [single, multi, numeric, typed, warmUp] };
    const game = await setupGame(t, { players: 10, quiz });
    await game.step("start");

    // single, 1000 points, T = 20 s: round(1000 × (1 − t/40000)), full within 500 ms.
    await playQuestion(game, single, [
      [0, { choices: ["b"] }, 300, 1000, true, 0],
      [1, { choices: ["b"] }, 500, 1000, true, 0],
      [2, { choices: ["b"] }, 501, 987, true, 0], // 987.475
      [3, { choices: ["b"] }, 540, 987, true, 0], // 986.5 rounds half up
      [4, { choices: ["b"] }, 10_000, 750, true, 0],
      [5, { choices: ["b"] }, 20_000, 500, true, 0],
      [6, { choices: ["b"] }, 20_900, 500, true, 0], // in the grace: no less than half
      [7, { choices: ["a"] }, 1_000, 0, false, 0],
      // player 8 does not answer; player 9 neither
    ]);
    await game.step("next");

    // multi (a, b, c correct of a–d): credit (right − wrong) / 3, floored at 0; streaks +100 per prior correct.
    await playQuestion(game, multi, [
      [0, { choices: ["a", "b", "c"] }, 300, 1000, true, 100],
      [1, { choices: ["a", "b"] }, 300, 667, false, 0],
      [2, { choices: ["a", "b", "d"] }, 300, 333, false, 0],
      [3, { choices: ["a", "d"] }, 300, 0, false, 0],
      [4, { choices: ["d"] }, 300, 0, false, 0],
      [5, { choices: ["a", "b", "c", "d"] }, 300, 667, false, 0],
      [6, { choices: ["a", "b", "c"] }, 10_000, 750, true, 100],
      [7, { choices: ["a"] }, 20_000, 167, false, 0], // 1/3 × 500
      [8, { choices: ["c", "a", "b"] }, 300, 1000, true, 0], // missed the last one: no streak
    ]);
    await game.step("next");

    // numeric (target 100, tolerance 50, 2000 points, T = 30 s): points by distance; the closest wins.
    await playQuestion(game, numeric, [
      [0, { value: 100 }, 300, 2000, true, 200],
      [1, { value: 125 }, 300, 1000, false, 0],
      [2, { value: 149.5 }, 300, 20, false, 0],
      [3, { value: 150 }, 300, 0, false, 0],
      [4, { value: 50 }, 300, 0, false, 0],
      [5, { value: 99.999 }, 300, 2000, false, 0], // 1999.96: full-ish, but not the closest
      [6, { value: 130 }, 15_000, 600, false, 0], // 2000 × 0.4 × 0.75
      [7, { value: -1e9 }, 300, 0, false, 0],
    ]);
    await game.step("next");

    // typed: case-, accent-, whitespace-insensitive; compatibility forms fold too.
    await playQuestion(game, typed, [
      [0, { text: "sao tome" }, 300, 1000, true, 300],
      [1, { text: "  SÃO   TOMÉ " }, 300, 1000, true, 0],
      [2, { text: "saotome" }, 300, 1000, true, 0],
      [3, { text: "São Tomé and Príncipe" }, 300, 0, false, 0],
      [4, { text: "Ｓａｏ Ｔｏｍｅ" }, 300, 1000, true, 0],
      [5, { text: "sao tome city" }, 15_000, 750, true, 0],
      [6, { text: "Sao Tom" }, 300, 0, false, 0],
    ]);
    await game.step("next");

    // A 0-point question: no points, no bonus, streaks untouched (player 0 keeps 4, player 3 keeps 0).
    await playQuestion(game, warmUp, [
      [0, { choices: ["true"] }, 300, 0, true, 0],
      [3, { choices: ["false"] }, 300, 0, false, 0],
    ]);
    const [p0] =
      await t.admin`select score, streak, correct_count from public.participants where id = ${game.players[0]!.participantId}`;
    expect(p0).toEqual({ score: 1000 + 1100 + 2200 + 1300, streak: 4, correct_count: 5 });
  });

  test("rooms playing the same quiz are scored apart: a close scores its own room, the closest estimate is the room's", async () => {
    const quiz = { title: "Quiz night", questions: [numeric] };
    const first = await setupGame(t, { players: 2, quiz });
    const second = await setupGame(t, { players: 2, quizId: first.quizId, host: first.host });
    for (const game of [first, second]) await game.step("start");
    await first.step("open");
    await second.step("open");
    // The best estimate over both rooms is in the second; each room's closest still wins its own room.
    await first.answer(first.players[0]!, { value: 120 });
    await first.answer(first.players[1]!, { value: 140 });
    await second.answer(second.players[0]!, { value: 101 });
    await second.answer(second.players[1]!, { value: 60 });

    await first.close();
    const scored = async (game: Game) =>
      t.admin`select p.nickname, a.is_correct, a.scored_at is not null as scored, p.score
              from public.answers a join public.participants p on p.id = a.participant_id
              where a.session_id = ${game.sessionId} order by p.nickname`;
    expect((await scored(first)).map((row) => [row.nickname, row.is_correct, row.scored])).toEqual([
      ["Player 1", true, true],
      ["Player 2", false, true],
    ]);
    // The other room's question is still open: its answers untouched, its players' scores still 0.
    expect((await scored(second)).map((row) => [row.scored, row.score])).toEqual([
      [false, 0],
      [false, 0],
    ]);

    await second.close();
    expect((await scored(second)).map((row) => [row.nickname, row.is_correct])).toEqual([
      ["Player 1", true],
      ["Player 2", false],
    ]);
    // Each room's reveal carries its own players' answers only.
    const revealed = await t.as(second.host, (tx) => advanceSession(tx, second.sessionId, "reveal"));
    expect(revealed.personal?.map((entry) => entry.my_answer?.response)).toEqual(
      expect.arrayContaining([{ value: 101 }, { value: 60 }]),
    );
    expect(revealed.personal).toHaveLength(2);
  });

  test("the streak bonus grows by 100 per correct answer in a row and stops at +500", async () => {
    const questions = Array.from({ length: 8 }, (_, i) => ({ ...single, prompt: `Q${i + 1}` }));
    const game = await setupGame(t, { players: 2, quiz: { title: "Streaks", questions } });
    await game.step("start");
    const bonuses = [0, 100, 200, 300, 400, 500, 500];
    for (const [index, bonus] of bonuses.entries()) {
      if (index > 0) await game.step("next");
      await playQuestion(game, questions[index]!, [
        [0, { choices: ["b"] }, 300, 1000, true, bonus],
        [
          1,
          { choices: [index === 3 ? "a" : "b"] },
          300,
          index === 3 ? 0 : 1000,
          index !== 3,
          [0, 100, 200, 0, 0, 100, 200][index]!,
        ],
      ]);
    }
    const rows =
      await t.admin`select score, streak from public.participants where session_id = ${game.sessionId} order by score desc`;
    expect(rows).toEqual([
      { score: 7000 + 2000, streak: 7 },
      { score: 6000 + 600, streak: 3 },
    ]);
  });
});
