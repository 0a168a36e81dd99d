import { apiRoute } from "@/lib/api/route";
import { clientIp } from "@/lib/api/rate-limit";
import { trackJoin } from "@/lib/observability/track";
import { countWrongPin, joinSession } from "@/lib/server/join-session";
import { joinSessionSchema } from "@/lib/server/schemas";

export const POST = apiRoute({ body: joinSessionSchema }, async ({ req, caller, body }) => {
  const ip = clientIp(req);
  return trackJoin(async () => {
    try {
      return await joinSession(caller, body, ip);
    } catch (error) {
      countWrongPin(error, ip);
      throw error;
    }
  });
});
