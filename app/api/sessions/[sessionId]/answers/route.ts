import { apiRoute } from "@/lib/api/route";
import { sessionIdParamsSchema, submitAnswerSchema } from "@/lib/server/schemas";
import { submitAnswer } from "@/lib/server/submit-answer";

export const POST = apiRoute({ body: submitAnswerSchema, maxBodyBytes: 4096 }, async ({ caller, body, params }) => {
  const { sessionId } = sessionIdParamsSchema.parse(params);
  return submitAnswer(caller, sessionId, body);
});
