import type { QuizInput, QuizQuestionInput } from "./quiz";
import type { QuestionKind } from "./state";
import { validateQuiz, type FieldIssue } from "./quiz-validate";

/**
 * The editor's working copy of a quiz: every input is kept as typed (numbers as strings), so a half-typed
 * "1." is not lost, and converted to the wire shape (QuizInput) only to validate, save or export.
 */
export type DraftQuestion = {
  uid: string;
  kind: QuestionKind;
  prompt: string;
  options: string[];
  /** Indexes into options (single/multi). */
  correct: number[];
  trueFalse: "true" | "false";
  accepted: string;
  target: string;
  tolerance: string;
  timeLimit: string;
  points: 0 | 1000 | 2000;
  imageUrl: string;
  explanation: string;
  /** Index into rounds, or "" for none. */
  round: string;
};
export type Draft = { title: string; rounds: string[]; questions: DraftQuestion[] };

const OPTION_IDS = ["a", "b", "c", "d", "e", "f"];

export function newQuestion(uid: string, round = ""): DraftQuestion {
  return {
    uid,
    kind: "single",
    prompt: "",
    options: ["", "", "", ""],
    correct: [0],
    trueFalse: "true",
    accepted: "",
    target: "",
    tolerance: "",
    timeLimit: "20",
    points: 1000,
    imageUrl: "",
    explanation: "",
    round,
  };
}

export function draftToQuiz(draft: Draft): { quiz: QuizInput; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const questions = draft.questions.map((d, i): QuizQuestionInput => {
    const q: QuizQuestionInput = { kind: d.kind, prompt: d.prompt.trim(), key: {}, points: d.points };
    const time = Number(d.timeLimit);
    q.time_limit_s = d.timeLimit.trim() === "" ? 20 : time;
    if (d.imageUrl.trim()) q.image_url = d.imageUrl.trim();
    if (d.explanation.trim()) q.explanation = d.explanation.trim();
    if (d.round !== "") q.round = Number(d.round);
    if (d.kind === "single" || d.kind === "multi") {
      q.options = d.options.map((text, j) => ({ id: OPTION_IDS[j] ?? `o${j}`, text: text.trim() }));
      q.key.correct_option_ids = d.correct.filter((j) => j < d.options.length).map((j) => OPTION_IDS[j] ?? `o${j}`);
    } else if (d.kind === "true_false") {
      q.key.correct_option_ids = [d.trueFalse];
    } else if (d.kind === "typed") {
      q.key.accepted_answers = d.accepted
        .split("\n")
        .map((s) => s.trim())
        .filter(Boolean);
    } else {
      const target = d.target.trim() === "" ? Number.NaN : Number(d.target.replace(",", "."));
      if (Number.isFinite(target)) q.key.target = target;
      else issues.push({ field: `questions.${i}.target`, code: "target" });
      if (d.tolerance.trim()) q.key.tolerance = Number(d.tolerance.replace(",", "."));
    }
    return q;
  });
  const rounds = draft.rounds.map((title) => ({ title: title.trim() }));
  const quiz: QuizInput = { title: draft.title.trim(), ...(rounds.length ? { rounds } : {}), questions };
  for (const issue of validateQuiz(quiz)) {
    if (!issues.some((known) => known.field === issue.field)) issues.push(issue);
  }
  return { quiz, issues };
}

export function quizToDraft(quiz: QuizInput, makeUid: () => string): Draft {
  return {
    title: quiz.title,
    rounds: (quiz.rounds ?? []).map((r) => r.title),
    questions: quiz.questions.map((q) => {
      const options = q.kind === "single" || q.kind === "multi" ? (q.options ?? []) : [];
      const correct = q.key.correct_option_ids ?? [];
      return {
        ...newQuestion(makeUid()),
        kind: q.kind,
        prompt: q.prompt,
        options: options.map((o) => o.text),
        correct: options.flatMap((o, j) => (correct.includes(o.id) ? [j] : [])),
        trueFalse: correct[0] === "false" ? "false" : "true",
        accepted: (q.key.accepted_answers ?? []).join("\n"),
        target: q.key.target === undefined ? "" : String(q.key.target),
        tolerance: q.key.tolerance === undefined ? "" : String(q.key.tolerance),
        timeLimit: String(q.time_limit_s ?? 20),
        points: q.points ?? 1000,
        imageUrl: q.image_url ?? "",
        explanation: q.explanation ?? "",
        round: q.round === undefined ? "" : String(q.round),
      };
    }),
  };
}
