import "server-only";
import type { SupabaseClient } from "@supabase/supabase-js";
import { callerClaimsSchema, type CallerClaims } from "@/lib/db";

/** The host's cookie session as the caller, from `getClaims()` (verified locally), or null when there is none. */
export async function callerFromCookieSession(supabase: SupabaseClient): Promise<CallerClaims | null> {
  const { data } = await supabase.auth.getClaims();
  const parsed = callerClaimsSchema.safeParse(data?.claims);
  return parsed.success && parsed.data.sub ? parsed.data : null;
}
