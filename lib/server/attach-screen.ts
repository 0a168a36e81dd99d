import "server-only";
import { asCaller, attachScreen as attachScreenRule, type CallerClaims } from "@/lib/db";
import { enforceRateLimit } from "@/lib/api/rate-limit";
import { appDb } from "./db";

/** A TV (signed in anonymously) attaches to a session by PIN, read-only. */
export async function attachScreen(caller: CallerClaims, pin: string, ip: string) {
  await enforceRateLimit("joinPerIp", ip);
  return asCaller(appDb(), caller, (tx) => attachScreenRule(tx, pin));
}
