import "server-only";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { callerClaimsSchema, type CallerClaims } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { realtimeTransport } from "@/lib/supabase/transport";

let verifier: SupabaseClient | undefined;

/**
 * Verifies a Supabase access token and returns its claims, or null. `getClaims()` checks the signature
 * locally against the project's JWKS (fetched once, cached), so the answer path makes no Auth round trip;
 * only legacy HS256 tokens fall back to asking the Auth server.
 */
export async function verifyAccessToken(token: string): Promise<CallerClaims | null> {
  verifier ??= createClient(serverEnv().NEXT_PUBLIC_SUPABASE_URL, serverEnv().NEXT_PUBLIC_SUPABASE_ANON_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: realtimeTransport(),
  });
  const { data, error } = await verifier.auth.getClaims(token);
  if (error || !data) return null;
  const parsed = callerClaimsSchema.safeParse(data.claims);
  return parsed.success && parsed.data.role === "authenticated" && parsed.data.sub ? parsed.data : null;
}
