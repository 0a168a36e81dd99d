import "server-only";
import { asCaller, createSession, type CallerClaims } from "@/lib/db";
import { enforceRateLimit } from "@/lib/api/rate-limit";
import { appDb } from "./db";
import { assertHostCaller } from "./host-caller";
import type { StartSessionInput } from "./schemas";

/** A host starts a live session (lobby, fresh PIN) of a quiz they own; the engine refuses anyone else's. */
export async function startSession(caller: CallerClaims, input: StartSessionInput) {
  assertHostCaller(caller);
  enforceRateLimit("hostAction", caller.sub);
  const { session } = await asCaller(appDb(), caller, (tx) =>
    createSession(tx, {
      quizId: input.quizId,
      teamsEnabled: input.teamsEnabled,
      allowLateJoin: input.allowLateJoin,
    }),
  );
  return { session };
}
