"use client";

import { createBrowserClient } from "@supabase/ssr";
import type { SupabaseClient } from "@supabase/supabase-js";
import type { PublicConfig } from "@/lib/env";

let browserClient: SupabaseClient | undefined;

/** The one browser client (a singleton, as @supabase/ssr intends); config comes from the server at runtime. */
export function getSupabaseBrowserClient(config: PublicConfig): SupabaseClient {
  browserClient ??= createBrowserClient(config.supabaseUrl, config.supabaseAnonKey);
  return browserClient;
}
