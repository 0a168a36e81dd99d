import "server-only";
import type { CallerClaims } from "@/lib/db";
import { AppError } from "@/lib/api/errors";

/**
 * The API-side twin of requireHost(): a host is a signed-in, non-anonymous account. Anonymous sign-ins are
 * players and screens; RLS would refuse them anyway, this says so with a clear 403 before any query.
 */
export function assertHostCaller(caller: CallerClaims): asserts caller is CallerClaims & { sub: string } {
  if (caller.role !== "authenticated" || !caller.sub || caller.is_anonymous) {
    throw new AppError("forbidden", "Only a signed-in host (not an anonymous player) may do this.");
  }
}
