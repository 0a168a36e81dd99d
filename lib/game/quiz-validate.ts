import { QUESTION_KINDS, type QuestionKind } from "./state";
import type { QuizInput, QuizQuestionInput } from "./quiz";

/**
 * Field-level checks of a quiz, mirroring lib/game/quiz.ts and game.key_problem() in SQL, so the editor and
 * the CSV importer can say *which* field is wrong instead of one zod message for the whole quiz. Codes are
 * keys of `editor.errors` in lib/i18n.
 */
export type QuizErrorCode =
  | "required"
  | "tooLong"
  | "options"
  | "correctOne"
  | "correctSome"
  | "correctRange"
  | "accepted"
  | "target"
  | "tolerance"
  | "timeLimit"
  | "imageUrl"
  | "questions"
  | "invalid"
  | "kind"
  | "points"
  | "header";

export type FieldIssue = { field: string; code: QuizErrorCode };

export function isQuestionKind(value: string): value is QuestionKind {
  return (QUESTION_KINDS as readonly string[]).includes(value);
}

export function validateQuestion(q: QuizQuestionInput, roundCount: number): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: string, code: QuizErrorCode) => issues.push({ field, code });
  if (!q.prompt.trim()) add("prompt", "required");
  else if (q.prompt.length > 500) add("prompt", "tooLong");
  if (
    q.time_limit_s !== undefined &&
    !(Number.isInteger(q.time_limit_s) && q.time_limit_s >= 5 && q.time_limit_s <= 240)
  ) {
    add("time_limit_s", "timeLimit");
  }
  if (q.points !== undefined && ![0, 1000, 2000].includes(q.points)) add("points", "points");
  if (q.image_url !== undefined && !/^https?:\/\/\S+$/i.test(q.image_url)) add("image_url", "imageUrl");
  if (q.explanation !== undefined && q.explanation.length > 1000) add("explanation", "tooLong");
  if (q.round !== undefined && (q.round < 0 || q.round >= roundCount)) add("round", "invalid");
  const correct = q.key.correct_option_ids ?? [];
  switch (q.kind) {
    case "single":
    case "multi": {
      const options = q.options ?? [];
      if (options.length < 2 || options.length > 6) add("options", "options");
      options.forEach((option, i) => {
        if (!option.text.trim()) add(`options.${i}`, "required");
        else if (option.text.length > 200) add(`options.${i}`, "tooLong");
      });
      if (correct.some((id) => !options.some((o) => o.id === id))) add("correct", "correctRange");
      else if (q.kind === "single" && correct.length !== 1) add("correct", "correctOne");
      else if (q.kind === "multi" && correct.length < 1) add("correct", "correctSome");
      break;
    }
    case "true_false":
      if (correct.length !== 1 || !["true", "false"].includes(correct[0] ?? "")) add("correct", "correctOne");
      break;
    case "typed":
      if ((q.key.accepted_answers ?? []).filter((a) => a.trim()).length === 0) add("accepted", "accepted");
      break;
    case "numeric":
      if (q.key.target === undefined || !Number.isFinite(q.key.target)) add("target", "target");
      if (q.key.tolerance !== undefined && !(q.key.tolerance > 0)) add("tolerance", "tolerance");
      break;
  }
  return issues;
}

/** Issues keyed by path: "title", "rounds.0", "questions", "questions.3.prompt". */
export function validateQuiz(quiz: QuizInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!quiz.title.trim()) issues.push({ field: "title", code: "required" });
  else if (quiz.title.length > 120) issues.push({ field: "title", code: "tooLong" });
  (quiz.rounds ?? []).forEach((round, i) => {
    if (!round.title.trim()) issues.push({ field: `rounds.${i}`, code: "required" });
  });
  if (quiz.questions.length === 0) issues.push({ field: "questions", code: "questions" });
  quiz.questions.forEach((q, i) => {
    for (const issue of validateQuestion(q, quiz.rounds?.length ?? 0)) {
      issues.push({ field: `questions.${i}.${issue.field}`, code: issue.code });
    }
  });
  return issues;
}
