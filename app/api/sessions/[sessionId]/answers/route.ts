import { apiRoute } from "@/lib/api/route";
import { trackAnswer } from "@/lib/observability/track";
import { sessionIdParamsSchema, submitAnswerSchema } from "@/lib/server/schemas";
import { submitAnswer } from "@/lib/server/submit-answer";

export const POST = apiRoute({ body: submitAnswerSchema, maxBodyBytes: 4096 }, async ({ caller, body, params }) => {
  const { sessionId } = sessionIdParamsSchema.parse(params);
  return trackAnswer(sessionId, () => submitAnswer(caller, sessionId, body));
});
