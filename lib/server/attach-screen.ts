import "server-only";
import { asCaller, attachScreen as attachScreenRule, type CallerClaims } from "@/lib/db";
import { enforceBudgetLeft, enforceRateLimit } from "@/lib/api/rate-limit";
import { appDb } from "./db";
import { countWrongPin } from "./join-session";

/** A TV (signed in anonymously) attaches to a session by PIN, read-only; wrong PINs cost as on joining. */
export async function attachScreen(caller: CallerClaims, pin: string, ip: string) {
  enforceRateLimit("joinPerIp", ip);
  enforceBudgetLeft("wrongPinPerIp", ip);
  try {
    return await asCaller(appDb(), caller, (tx) => attachScreenRule(tx, pin));
  } catch (error) {
    countWrongPin(error, ip);
    throw error;
  }
}
