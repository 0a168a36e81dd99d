import { describe, expect, test } from "vitest";
import {
  answerPoints,
  choiceCredit,
  FULL_CREDIT,
  NO_CREDIT,
  numericCredit,
  parseDecimal,
  streakBonus,
  teamScore,
  typedCredit,
} from "./scoring";

describe("answerPoints: round(P × credit × (1 − (t/T)/2)), full within 500 ms, at least half", () => {
  test.each([
    // points, limit ms, elapsed ms, expected
    [1000, 20_000, 0, 1000],
    [1000, 20_000, 500, 1000],
    [1000, 20_000, 501, 987], // 987.475
    [1000, 20_000, 540, 987], // 986.5: half up
    [1000, 20_000, 5_000, 875],
    [1000, 20_000, 10_000, 750],
    [1000, 20_000, 20_000, 500],
    [1000, 20_000, 20_999, 500], // grace: clamped at T
    [2000, 30_000, 15_000, 1500],
    [2000, 5_000, 2_500, 1500],
    [0, 20_000, 300, 0],
    [1000, 240_000, 120_000, 750],
  ])("P=%i T=%i t=%i → %i", (points, limit, elapsed, expected) => {
    expect(answerPoints(points, limit, elapsed, FULL_CREDIT)).toBe(expected);
  });

  test("no credit, no points", () => {
    expect(answerPoints(1000, 20_000, 300, NO_CREDIT)).toBe(0);
  });
});

describe("credit by kind", () => {
  test.each([
    [["a", "b", "c"], ["a", "b", "c"], 3n, true],
    [["a", "b", "c"], ["a", "b"], 2n, false],
    [["a", "b", "c"], ["a", "b", "d"], 1n, false],
    [["a", "b", "c"], ["a", "d"], 0n, false],
    [["a", "b", "c"], ["d"], 0n, false],
    [["a", "b", "c"], ["a", "b", "c", "d"], 2n, false],
  ])("multi: key %j, chosen %j → %i/3", (correct, chosen, num, isCorrect) => {
    expect(choiceCredit("multi", correct, chosen)).toEqual({ credit: { num, den: 3n }, isCorrect });
  });

  test("multi partial credit in points", () => {
    expect(answerPoints(1000, 20_000, 300, choiceCredit("multi", ["a", "b", "c"], ["a", "b"]).credit)).toBe(667);
    expect(answerPoints(1000, 20_000, 20_000, choiceCredit("multi", ["a", "b", "c"], ["a"]).credit)).toBe(167);
  });

  test("single and true/false", () => {
    expect(choiceCredit("single", ["b"], ["b"]).isCorrect).toBe(true);
    expect(choiceCredit("single", ["b"], ["a"])).toEqual({ credit: NO_CREDIT, isCorrect: false });
    expect(choiceCredit("true_false", ["true"], ["true"]).isCorrect).toBe(true);
  });

  test("typed", () => {
    expect(typedCredit(["São Tomé"], "  sao   TOME ").isCorrect).toBe(true);
    expect(typedCredit(["São Tomé"], "Sao Tom").isCorrect).toBe(false);
  });

  test.each([
    [100, 50, 100, 100, 2000, true],
    [100, 50, 125, 100, 1000, false],
    [100, 50, 149.5, 100, 20, false],
    [100, 50, 150, 150, 0, false],
    [100, 50, 99.999, 100, 2000, false],
    [100, 50, 99.999, 99.999, 2000, true],
    [0.1, 0.3, 0.2, 0.2, 1333, true],
  ])(
    "numeric: target %d ± %d, value %d, closest %d → %i points",
    (target, tolerance, value, closest, points, isCorrect) => {
      const outcome = numericCredit(target, tolerance, value, Math.abs(closest - target).toFixed(6));
      expect(outcome.isCorrect).toBe(isCorrect);
      expect(answerPoints(2000, 30_000, 300, outcome.credit)).toBe(points);
    },
  );
});

describe("streaks and teams", () => {
  test.each([
    [0, 0],
    [1, 100],
    [4, 400],
    [5, 500],
    [9, 500],
  ])("streak before %i → bonus %i", (streak, bonus) => {
    expect(streakBonus(streak)).toBe(bonus);
  });

  test.each([
    [[], 0],
    [[1000], 1000],
    [[1000, 749], 875], // 874.5 → half up
    [[1000, 500, 875], 792],
    [[1, 2], 2],
    [[0, 0, 1], 0],
  ])("team of %j scores %i", (scores, expected) => {
    expect(teamScore(scores)).toBe(expected);
  });
});

describe("parseDecimal", () => {
  test.each([
    ["1.25", 125n, 2],
    ["-0.5", -5n, 1],
    [1e21, 1000000000000000000000n, 0],
    [1e-7, 1n, 7],
    ["42", 42n, 0],
  ])("%s", (input, value, scale) => {
    expect(parseDecimal(input)).toEqual({ value, scale });
  });

  test("rejects what is not a number", () => {
    expect(() => parseDecimal("1.2.3")).toThrow();
    expect(() => parseDecimal("")).toThrow();
  });
});
