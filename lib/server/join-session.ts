import "server-only";
import {
  asCaller,
  createTeam,
  joinSession as joinSessionRule,
  joinSessionAs,
  pickTeam,
  type CallerClaims,
} from "@/lib/db";
import { enforceBudgetLeft, enforceRateLimit } from "@/lib/api/rate-limit";
import { GameError } from "@/lib/game/errors";
import { broadcastGameEvent } from "@/lib/realtime/broadcast";
import { appDb } from "./db";
import type { JoinSessionInput } from "./schemas";

/**
 * A player joins (or rejoins, keeping their score) by PIN and nickname; with teams on, picks or creates a
 * table. Limited per IP (a pub shares one), per identity and per session. Joins are not broadcast (that
 * would cost O(N²) messages on a join wave): host and screen read the lobby from their snapshot.
 */
export async function joinSession(caller: CallerClaims, input: JoinSessionInput, ip: string) {
  enforceRateLimit("joinPerIp", ip);
  enforceBudgetLeft("wrongPinPerIp", ip);
  enforceRateLimit("joinPerUser", caller.sub ?? ip);
  enforceRateLimit("joinPerSession", input.pin);
  const teamName = input.teamId ? null : input.teamName;
  if (!teamName) return joinSessionAs(appDb(), caller, input);
  const { joined, teamEvent } = await asCaller(appDb(), caller, async (tx) => {
    const result = await joinSessionRule(tx, { pin: input.pin, nickname: input.nickname });
    const created = await createTeam(tx, result.session.id, teamName);
    const { participant } = await pickTeam(tx, result.session.id, created.team.id);
    return { joined: { ...result, participant }, teamEvent: created.event };
  });
  if (teamEvent) await broadcastGameEvent(teamEvent);
  return joined;
}

/**
 * Wrong PINs cost a budget of their own per IP, so guessing live PINs is slow. Only failures spend it, and
 * every PIN attempt checks it first (`enforceBudgetLeft`): once it is spent, a right guess is refused too.
 */
export function countWrongPin(error: unknown, ip: string): void {
  if (error instanceof GameError && error.code === "pin_not_found") enforceRateLimit("wrongPinPerIp", ip);
}
