import "server-only";
import { asCaller, lookupPin as lookupPinRule, type CallerClaims } from "@/lib/db";
import { enforceBudgetLeft, enforceRateLimit } from "@/lib/api/rate-limit";
import { appDb } from "./db";
import { countWrongPin } from "./join-session";

/**
 * What the join page needs to know about a PIN before asking for a nickname: title, state, teams, and
 * whether the caller already plays (rejoin) or was kicked. Shares the join budget per IP, and wrong PINs
 * cost their own budget, so this is no cheaper a way to guess live PINs than joining.
 */
export async function lookupPin(caller: CallerClaims, pin: string, ip: string) {
  enforceRateLimit("joinPerIp", ip);
  enforceBudgetLeft("wrongPinPerIp", ip);
  try {
    return await asCaller(appDb(), caller, (tx) => lookupPinRule(tx, pin));
  } catch (error) {
    countWrongPin(error, ip);
    throw error;
  }
}
