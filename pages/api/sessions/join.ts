import { nodeApiRoute } from "@/lib/api/node-route";
import { clientIp } from "@/lib/api/rate-limit";
import { trackJoin } from "@/lib/observability/track";
import { countWrongPin, joinSession } from "@/lib/server/join-session";
import { joinSessionSchema, noParamsSchema } from "@/lib/server/schemas";

/**
 * POST /api/sessions/join — a player joins by PIN and nickname: every phone's first request, the whole room's
 * at once on a join wave, so a Pages Router API route for its cost per request, as the answer and snapshot
 * routes are (lib/api/node-route.ts). The browser sends its token; a cookie session is accepted as well.
 */
export const config = { api: { bodyParser: false } };

export default nodeApiRoute(
  { method: "POST", body: joinSessionSchema, params: noParamsSchema, maxBodyBytes: 8192, cookies: true },
  ({ req, caller, body }) => {
    const ip = clientIp(req);
    return trackJoin(async () => {
      try {
        return await joinSession(caller, body, ip);
      } catch (error) {
        countWrongPin(error, ip);
        throw error;
      }
    });
  },
);
