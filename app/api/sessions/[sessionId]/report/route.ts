import { AppError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { getSessionReport } from "@/lib/server/get-session-report";
import { assertHostCaller } from "@/lib/server/host-caller";
import { sessionIdParamsSchema } from "@/lib/server/schemas";

/** The host's report of a session as JSON (the CSV export's data); 404 for anyone else's session. */
export const GET = apiRoute({}, async ({ caller, params }) => {
  const { sessionId } = sessionIdParamsSchema.parse(params);
  assertHostCaller(caller);
  const result = await getSessionReport(caller, sessionId);
  if (!result) throw new AppError("not_found", "No such session of yours.");
  return result;
});
