import { apiRoute } from "@/lib/api/route";
import { startSessionSchema } from "@/lib/server/schemas";
import { startSession } from "@/lib/server/start-session";

/** Starts a live session of one of the caller's quizzes; hosts only. */
export const POST = apiRoute({ body: startSessionSchema }, async ({ caller, body }) => startSession(caller, body));
