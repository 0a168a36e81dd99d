import "server-only";
import { hostStepAs, type CallerClaims } from "@/lib/db";
import { enforceRateLimit } from "@/lib/api/rate-limit";
import { broadcastGameEvent } from "@/lib/realtime/broadcast";
import { appDb } from "./db";
import type { HostActionInput } from "./schemas";

/**
 * One step the host takes (start, open, close, reveal, kick, lock …), in one statement. The database decides
 * and returns the event; it is broadcast after the statement has committed, so no client hears of a state that
 * could still roll back; a reveal's and the end's personal copies go to each player's own topic. `close` is
 * also allowed to players once the deadline has passed (the engine checks).
 */
export async function runHostAction(caller: CallerClaims, sessionId: string, input: HostActionInput) {
  enforceRateLimit("hostAction", caller.sub ?? sessionId);
  const { event, personal } = await hostStepAs(appDb(), caller, sessionId, input);
  // Each player's own result goes to that player only: the console gets the event, as everyone else.
  const delivered = event ? await broadcastGameEvent(event, personal) : true;
  return { event, delivered };
}
