import { nodeApiRoute } from "@/lib/api/node-route";
import { trackAnswer } from "@/lib/observability/track";
import { sessionIdParamsSchema, submitAnswerSchema } from "@/lib/server/schemas";
import { submitAnswer } from "@/lib/server/submit-answer";

/**
 * POST /api/sessions/:sessionId/answers — the one player request of a question, a Pages Router API route
 * rather than an App Router route handler for its cost per request (lib/api/node-route.ts says why).
 */
export const config = { api: { bodyParser: false } };

export default nodeApiRoute(
  { method: "POST", body: submitAnswerSchema, params: sessionIdParamsSchema, maxBodyBytes: 4096 },
  ({ caller, body, params: { sessionId } }) => trackAnswer(sessionId, () => submitAnswer(caller, sessionId, body)),
);
