import { describe, expect, test } from "vitest";
import { scoreQuestion, type ScorableQuestion } from "./score-question";

const single: ScorableQuestion = {
  kind: "single",
  points: 1000,
  timeLimitS: 20,
  key: { correctOptionIds: ["b"], acceptedAnswers: [], target: null, tolerance: null },
};

describe("scoreQuestion", () => {
  test("scores answers, grows and resets streaks, leaves non-answerers at 0 streak", () => {
    const { answers, players } = scoreQuestion(
      single,
      [
        { participantId: "p1", elapsedMs: 300, response: { choices: ["b"] } },
        { participantId: "p2", elapsedMs: 10_000, response: { choices: ["a"] } },
      ],
      [
        { participantId: "p1", score: 1000, streak: 2, correctCount: 2 },
        { participantId: "p2", score: 500, streak: 1, correctCount: 1 },
        { participantId: "p3", score: 0, streak: 3, correctCount: 3 },
      ],
    );
    expect(answers.get("p1")).toEqual({ isCorrect: true, points: 1000, streakBonus: 200 });
    expect(answers.get("p2")).toEqual({ isCorrect: false, points: 0, streakBonus: 0 });
    expect(answers.has("p3")).toBe(false);
    expect(players).toEqual([
      { participantId: "p1", score: 2200, streak: 3, correctCount: 3 },
      { participantId: "p2", score: 500, streak: 0, correctCount: 1 },
      { participantId: "p3", score: 0, streak: 0, correctCount: 3 },
    ]);
  });

  test("a 0-point question changes no streak", () => {
    const { players } = scoreQuestion(
      { ...single, points: 0 },
      [{ participantId: "p1", elapsedMs: 300, response: { choices: ["b"] } }],
      [
        { participantId: "p1", score: 0, streak: 2, correctCount: 0 },
        { participantId: "p2", score: 0, streak: 2, correctCount: 0 },
      ],
    );
    expect(players.map((p) => [p.streak, p.correctCount, p.score])).toEqual([
      [2, 1, 0],
      [2, 0, 0],
    ]);
  });

  test("numeric: the closest answers win, ties included", () => {
    const question: ScorableQuestion = {
      kind: "numeric",
      points: 1000,
      timeLimitS: 20,
      key: { correctOptionIds: [], acceptedAnswers: [], target: 10, tolerance: 5 },
    };
    const { answers } = scoreQuestion(
      question,
      [
        { participantId: "a", elapsedMs: 300, response: { value: 12 } },
        { participantId: "b", elapsedMs: 300, response: { value: 8 } },
        { participantId: "c", elapsedMs: 300, response: { value: 14 } },
      ],
      ["a", "b", "c"].map((participantId) => ({ participantId, score: 0, streak: 0, correctCount: 0 })),
    );
    expect([...answers.values()].map((r) => [r.isCorrect, r.points])).toEqual([
      [true, 600],
      [true, 600],
      [false, 200],
    ]);
  });
});
