import { apiRoute } from "@/lib/api/route";
import { clientIp } from "@/lib/api/rate-limit";
import { lookupPin } from "@/lib/server/lookup-pin";
import { lookupPinQuerySchema } from "@/lib/server/schemas";

export const GET = apiRoute({}, async ({ req, caller }) => {
  const { pin } = lookupPinQuerySchema.parse({ pin: new URL(req.url).searchParams.get("pin") ?? undefined });
  return lookupPin(caller, pin, clientIp(req));
});
