import "server-only";
import { AnswerBatcher, type CallerClaims, type Db } from "@/lib/db";
import { enforceRateLimit } from "@/lib/api/rate-limit";
import { appDb } from "./db";
import type { SubmitAnswerInput } from "./schemas";

// One batcher per pool (so per server instance).
const batchers = new WeakMap<Db, AnswerBatcher>();

/**
 * The hot path. One rate-limit check (in process), then the answer joins the next group commit
 * (lib/db/answer-batcher.ts); nothing else before the acknowledgement (no broadcast: host and screen poll their
 * coalesced counts, and players learn results at the reveal). A retry with the same answerId returns the
 * first result.
 */
export async function submitAnswer(caller: CallerClaims, sessionId: string, input: SubmitAnswerInput) {
  enforceRateLimit("answerPerParticipant", `${sessionId}:${caller.sub}`);
  const db = appDb();
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new AnswerBatcher(db)));
  return batcher.submit(caller, {
    sessionId,
    questionId: input.questionId,
    answerId: input.answerId,
    response: input.response,
  });
}
