import { describe, expect, test } from "vitest";
import { draftToQuiz, newQuestion, quizToDraft, type Draft } from "./quiz-draft";
import type { QuizInput } from "./quiz";

let uid = 0;
const makeUid = () => `u${++uid}`;

describe("draftToQuiz", () => {
  test.each([
    ["empty title", (d: Draft) => ({ ...d, title: " " }), "title", "required"],
    ["no questions", (d: Draft) => ({ ...d, questions: [] }), "questions", "questions"],
    [
      "empty option",
      (d: Draft) => ({ ...d, questions: [{ ...d.questions[0]!, options: ["A", ""] }] }),
      "questions.0.options.1",
      "required",
    ],
    [
      "no correct option",
      (d: Draft) => ({ ...d, questions: [{ ...d.questions[0]!, correct: [] }] }),
      "questions.0.correct",
      "correctOne",
    ],
    [
      "half-typed number",
      (d: Draft) => ({ ...d, questions: [{ ...d.questions[0]!, kind: "numeric" as const, target: "1x" }] }),
      "questions.0.target",
      "target",
    ],
    [
      "time limit",
      (d: Draft) => ({ ...d, questions: [{ ...d.questions[0]!, timeLimit: "3" }] }),
      "questions.0.time_limit_s",
      "timeLimit",
    ],
    [
      "typed without answers",
      (d: Draft) => ({ ...d, questions: [{ ...d.questions[0]!, kind: "typed" as const, accepted: "\n " }] }),
      "questions.0.accepted",
      "accepted",
    ],
  ])("%s is reported at its field", (_name, change, field, code) => {
    const valid: Draft = {
      title: "T",
      rounds: [],
      questions: [{ ...newQuestion("x"), prompt: "Q", options: ["A", "B"] }],
    };
    expect(draftToQuiz(valid).issues).toEqual([]);
    expect(draftToQuiz(change(valid)).issues).toContainEqual({ field, code });
  });
});

test("a quiz survives the trip through the editor's draft", () => {
  const quiz: QuizInput = {
    title: "Trip",
    rounds: [{ title: "R1" }],
    questions: [
      {
        kind: "multi",
        prompt: "M",
        round: 0,
        options: [
          { id: "a", text: "A" },
          { id: "b", text: "B" },
          { id: "c", text: "C" },
        ],
        key: { correct_option_ids: ["a", "c"] },
        time_limit_s: 30,
        points: 2000,
      },
      {
        kind: "true_false",
        prompt: "TF",
        key: { correct_option_ids: ["false"] },
        time_limit_s: 10,
        points: 0,
        explanation: "E",
      },
      {
        kind: "numeric",
        prompt: "N",
        key: { target: 1.5, tolerance: 0.5 },
        time_limit_s: 20,
        points: 1000,
        image_url: "https://x.test/a.png",
      },
    ],
  };
  const { quiz: back, issues } = draftToQuiz(quizToDraft(quiz, makeUid));
  expect(issues).toEqual([]);
  expect(back).toEqual(quiz);
});
