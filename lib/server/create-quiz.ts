import "server-only";
import { asCaller, createQuiz as createQuizRule, type CallerClaims } from "@/lib/db";
import { enforceRateLimit } from "@/lib/api/rate-limit";
import { GameError } from "@/lib/game/errors";
import type { QuizInput } from "@/lib/game/quiz";
import { validateQuiz } from "@/lib/game/quiz-validate";
import { appDb } from "./db";
import { assertHostCaller } from "./host-caller";

/**
 * A host creates a quiz from the JSON the editor imports and exports (lib/game/quiz.ts). The field checks
 * the editor runs name the first wrong field; the database re-checks everything and owns the quiz by RLS.
 */
export async function createQuiz(caller: CallerClaims, quiz: QuizInput): Promise<{ quizId: string }> {
  assertHostCaller(caller);
  enforceRateLimit("hostAction", caller.sub);
  const issue = validateQuiz(quiz)[0];
  if (issue) throw new GameError("quiz_invalid", `${issue.field}: ${issue.code}`);
  const quizId = await asCaller(appDb(), caller, (tx) => createQuizRule(tx, quiz));
  return { quizId };
}
