import { apiRoute } from "@/lib/api/route";
import { runHostAction } from "@/lib/server/host-action";
import { hostActionSchema, sessionIdParamsSchema } from "@/lib/server/schemas";

export const POST = apiRoute({ body: hostActionSchema }, async ({ caller, body, params }) => {
  const { sessionId } = sessionIdParamsSchema.parse(params);
  return runHostAction(caller, sessionId, body);
});
