import { describe, expect, test } from "vitest";
import { CSV_COLUMNS, csvCell, parseCsvRows, quizFromCsv, quizToCsv } from "./quiz-csv";
import type { QuizInput } from "./quiz";

const HEADER = CSV_COLUMNS.join(",");
/** Builds a data row from the named cells; the rest stay empty. */
function row(cells: Partial<Record<(typeof CSV_COLUMNS)[number], string>>): string {
  return CSV_COLUMNS.map((c) => csvCell(cells[c] ?? "")).join(",");
}

describe("quizFromCsv accepts", () => {
  test.each([
    ["single", row({ kind: "single", prompt: "Capital of France?", option1: "Paris", option2: "Rome", correct: "1" })],
    ["multi", row({ kind: "multi", prompt: "Primes?", option1: "2", option2: "3", option3: "4", correct: "1|2" })],
    ["true_false", row({ kind: "true_false", prompt: "Sky is blue?", correct: "true" })],
    ["typed", row({ kind: "typed", prompt: "Capital of Peru?", accepted: "Lima|lima city" })],
    ["numeric", row({ kind: "numeric", prompt: "Year?", target: "1969", tolerance: "2" })],
    [
      "with extras",
      row({
        kind: "true_false",
        prompt: "Q",
        correct: "false",
        time_limit_s: "30",
        points: "2000",
        image_url: "https://x.test/a.png",
        explanation: "Why",
      }),
    ],
  ])("%s", (_name, line) => {
    const result = quizFromCsv(`${HEADER}\n${line}\n`, "T");
    expect(result).toMatchObject({ ok: true });
  });
});

describe("quizFromCsv reports line and field", () => {
  test.each([
    ["unknown kind", row({ kind: "essay", prompt: "Q" }), "kind", "kind"],
    ["empty prompt", row({ kind: "true_false", correct: "true" }), "prompt", "required"],
    ["one option", row({ kind: "single", prompt: "Q", option1: "A", correct: "1" }), "options", "options"],
    [
      "two correct in single",
      row({ kind: "single", prompt: "Q", option1: "A", option2: "B", correct: "1|2" }),
      "correct",
      "correctOne",
    ],
    [
      "correct out of range",
      row({ kind: "single", prompt: "Q", option1: "A", option2: "B", correct: "5" }),
      "correct",
      "correctRange",
    ],
    ["no correct in multi", row({ kind: "multi", prompt: "Q", option1: "A", option2: "B" }), "correct", "correctSome"],
    [
      "gap in options",
      row({ kind: "single", prompt: "Q", option1: "A", option3: "C", correct: "1" }),
      "option2",
      "required",
    ],
    ["true_false without answer", row({ kind: "true_false", prompt: "Q" }), "correct", "correctOne"],
    ["typed without answers", row({ kind: "typed", prompt: "Q" }), "accepted", "accepted"],
    ["numeric without target", row({ kind: "numeric", prompt: "Q", target: "many" }), "target", "target"],
    [
      "negative tolerance",
      row({ kind: "numeric", prompt: "Q", target: "1", tolerance: "-1" }),
      "tolerance",
      "tolerance",
    ],
    [
      "time limit too long",
      row({ kind: "true_false", prompt: "Q", correct: "true", time_limit_s: "300" }),
      "time_limit_s",
      "timeLimit",
    ],
    ["odd points", row({ kind: "true_false", prompt: "Q", correct: "true", points: "500" }), "points", "points"],
    [
      "bad image url",
      row({ kind: "true_false", prompt: "Q", correct: "true", image_url: "ftp://x" }),
      "image_url",
      "imageUrl",
    ],
  ])("%s", (_name, line, field, code) => {
    const good = row({ kind: "true_false", prompt: "Fine", correct: "true" });
    const result = quizFromCsv(`${HEADER}\n${good}\n${line}\n`, "T");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContainEqual({ line: 3, field, code });
  });

  test("a wrong header is reported at line 1", () => {
    expect(quizFromCsv("kind,prompt\nsingle,Q\n", "T")).toEqual({
      ok: false,
      problems: [{ line: 1, field: "header", code: "header" }],
    });
  });

  test("lines are counted from where a row starts, across quoted line breaks", () => {
    const multiLine = row({ kind: "true_false", prompt: "Line one\nline two", correct: "true" });
    const bad = row({ kind: "typed", prompt: "Q" });
    const result = quizFromCsv(`${HEADER}\r\n${multiLine}\r\n${bad}\r\n`, "T");
    expect(result).toEqual({ ok: false, problems: [{ line: 4, field: "accepted", code: "accepted" }] });
  });
});

describe("parseCsvRows", () => {
  test.each([
    ['a,"b,c",d', [["a", "b,c", "d"]]],
    ['"say ""hi""",x', [['say "hi"', "x"]]],
    [
      "a,b\n\n c,d",
      [
        ["a", "b"],
        [" c", "d"],
      ],
    ],
  ])("%j", (text, expected) => {
    expect(parseCsvRows(text).map((r) => r.cells)).toEqual(expected);
  });
});

test("export then import gives the same quiz", () => {
  const quiz: QuizInput = {
    title: "Round trip",
    rounds: [{ title: "One" }, { title: "Two, with comma" }],
    questions: [
      {
        kind: "single",
        prompt: 'Say "hi"',
        round: 0,
        options: [
          { id: "a", text: "A" },
          { id: "b", text: "B" },
        ],
        key: { correct_option_ids: ["b"] },
        time_limit_s: 15,
        points: 2000,
      },
      {
        kind: "typed",
        prompt: "Where?",
        round: 1,
        key: { accepted_answers: ["Lima", "Cusco"] },
        explanation: "Line\nbreak",
      },
      {
        kind: "numeric",
        prompt: "How many?",
        key: { target: 42.5, tolerance: 0.5 },
        image_url: "https://x.test/i.png",
      },
    ],
  };
  expect(quizFromCsv(quizToCsv(quiz), "Round trip")).toEqual({ ok: true, quiz });
});
