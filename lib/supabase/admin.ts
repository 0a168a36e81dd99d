import "server-only";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { serverEnv } from "@/lib/env";
import { realtimeTransport } from "./transport";

let admin: SupabaseClient | undefined;

/** The service-role client: server only, for Realtime broadcasts and admin calls. Never sent to a browser. */
export function supabaseAdmin(): SupabaseClient {
  if (admin) return admin;
  const env = serverEnv();
  admin = createClient(env.NEXT_PUBLIC_SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: realtimeTransport(),
  });
  return admin;
}
