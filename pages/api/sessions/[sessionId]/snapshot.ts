import { nodeApiRoute } from "@/lib/api/node-route";
import { getSnapshot } from "@/lib/server/get-snapshot";
import { sessionIdParamsSchema, snapshotViewSchema } from "@/lib/server/schemas";

/**
 * GET /api/sessions/:sessionId/snapshot[?view=host|player|screen] — what the caller may see of the session
 * now, fetched by every phone after a (re)subscribe: a Pages Router API route for its cost per request, as the
 * answer route is (lib/api/node-route.ts). Phones and screens send their token; the host console too, and its
 * cookie session is accepted as well.
 */
export default nodeApiRoute(
  { method: "GET", params: sessionIdParamsSchema.extend({ view: snapshotViewSchema }), cookies: true },
  ({ caller, params: { sessionId, view } }) => getSnapshot(caller, sessionId, view),
);
