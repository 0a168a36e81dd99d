import "server-only";
import {
  advanceSession,
  asCaller,
  closeQuestion,
  createTeam,
  kickParticipant,
  updateSessionSettings,
  type CallerClaims,
  type EventResult,
} from "@/lib/db";
import { enforceRateLimit } from "@/lib/api/rate-limit";
import { broadcastGameEvent } from "@/lib/realtime/broadcast";
import { appDb } from "./db";
import type { HostActionInput } from "./schemas";

/**
 * One step the host takes (start, open, close, reveal, kick, lock …). The database decides and returns the
 * event; it is broadcast after the transaction has committed, so no client hears of a state that could
 * still roll back; a reveal's and the end's personal copies go to each player's own topic. `close` is also allowed to players once the deadline has passed (the engine checks).
 */
export async function runHostAction(caller: CallerClaims, sessionId: string, input: HostActionInput) {
  enforceRateLimit("hostAction", caller.sub ?? sessionId);
  const { event, personal } = await asCaller(appDb(), caller, async (tx): Promise<EventResult> => {
    switch (input.action) {
      case "kick":
        return kickParticipant(tx, sessionId, input.participantId);
      case "settings":
        return updateSessionSettings(tx, sessionId, input);
      case "create_team":
        return createTeam(tx, sessionId, input.name);
      case "close":
        return closeQuestion(tx, sessionId);
      default:
        return advanceSession(tx, sessionId, input.action);
    }
  });
  // Each player's own result goes to that player only: the console gets the event, as everyone else.
  const delivered = event ? await broadcastGameEvent(event, personal) : true;
  return { event, delivered };
}
