import { apiRoute } from "@/lib/api/route";
import { getSnapshot } from "@/lib/server/get-snapshot";
import { sessionIdParamsSchema, snapshotViewSchema } from "@/lib/server/schemas";

export const GET = apiRoute({}, async ({ req, caller, params }) => {
  const { sessionId } = sessionIdParamsSchema.parse(params);
  const view = snapshotViewSchema.parse(new URL(req.url).searchParams.get("view") ?? undefined);
  return getSnapshot(caller, sessionId, view);
});
