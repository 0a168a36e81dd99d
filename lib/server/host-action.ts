import "server-only";
import {
  advanceSession,
  asCaller,
  closeQuestion,
  createTeam,
  kickParticipant,
  updateSessionSettings,
  type CallerClaims,
} from "@/lib/db";
import { enforceRateLimit } from "@/lib/api/rate-limit";
import type { GameEvent } from "@/lib/game/events";
import { broadcastGameEvent } from "@/lib/realtime/broadcast";
import { appDb } from "./db";
import type { HostActionInput } from "./schemas";

/**
 * One step the host takes (start, open, close, reveal, kick, lock …). The database decides and returns the
 * event; it is broadcast after the transaction has committed, so no client hears of a state that could
 * still roll back. `close` is also allowed to players once the deadline has passed (the engine checks).
 */
export async function runHostAction(caller: CallerClaims, sessionId: string, input: HostActionInput) {
  enforceRateLimit("hostAction", caller.sub ?? sessionId);
  const event = await asCaller(appDb(), caller, async (tx): Promise<GameEvent | null> => {
    switch (input.action) {
      case "kick":
        return (await kickParticipant(tx, sessionId, input.participantId)).event;
      case "settings":
        return (await updateSessionSettings(tx, sessionId, input)).event;
      case "create_team":
        return (await createTeam(tx, sessionId, input.name)).event;
      case "close":
        return (await closeQuestion(tx, sessionId)).event;
      default:
        return (await advanceSession(tx, sessionId, input.action)).event;
    }
  });
  const delivered = event ? await broadcastGameEvent(event) : true;
  return { event, delivered };
}
