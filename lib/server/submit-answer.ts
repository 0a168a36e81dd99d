import "server-only";
import { submitAnswerAs, type CallerClaims } from "@/lib/db";
import { enforceRateLimit } from "@/lib/api/rate-limit";
import { appDb } from "./db";
import type { SubmitAnswerInput } from "./schemas";

/**
 * The hot path. One rate-limit check (in process) and one database round trip; nothing else before the
 * acknowledgement
 * (no broadcast: host and screen poll their coalesced counts, and players learn results at the reveal).
 * A retry with the same answerId returns the first result.
 */
export async function submitAnswer(caller: CallerClaims, sessionId: string, input: SubmitAnswerInput) {
  enforceRateLimit("answerPerParticipant", `${sessionId}:${caller.sub}`);
  return submitAnswerAs(appDb(), caller, {
    sessionId,
    questionId: input.questionId,
    answerId: input.answerId,
    response: input.response,
  });
}
