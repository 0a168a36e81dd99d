import { apiRoute } from "@/lib/api/route";
import { clientIp } from "@/lib/api/rate-limit";
import { attachScreen } from "@/lib/server/attach-screen";
import { attachScreenSchema } from "@/lib/server/schemas";

export const POST = apiRoute({ body: attachScreenSchema }, async ({ req, caller, body }) =>
  attachScreen(caller, body.pin, clientIp(req)),
);
