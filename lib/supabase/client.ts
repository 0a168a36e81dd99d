"use client";

import { createBrowserClient } from "@supabase/ssr";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import type { PublicConfig } from "@/lib/env";
import { authCookieOptions } from "./cookie-options";

export type BrowserAudience = "host" | "player" | "screen";

const clients = new Map<BrowserAudience, SupabaseClient>();

/**
 * One browser client per audience. The host's session lives in cookies (@supabase/ssr), so server
 * components see it. Players and screens sign in anonymously and keep that identity in localStorage under
 * keys of their own: a landlord testing the join page on the laptop does not sign the host out, and a
 * reloaded phone is the same player.
 */
export function getSupabaseBrowserClient(config: PublicConfig, audience: BrowserAudience = "host"): SupabaseClient {
  let client = clients.get(audience);
  if (client) return client;
  client =
    audience === "host"
      ? createBrowserClient(config.supabaseUrl, config.supabaseAnonKey, {
          cookieOptions: authCookieOptions(typeof window !== "undefined" && window.location.protocol === "https:"),
        })
      : createClient(config.supabaseUrl, config.supabaseAnonKey, {
          auth: { storageKey: `pubquiz-${audience}`, persistSession: true, autoRefreshToken: true },
        });
  clients.set(audience, client);
  return client;
}

/** The current access token, signing in anonymously first when a player or screen has no identity yet. */
export async function ensureAccessToken(client: SupabaseClient, audience: BrowserAudience): Promise<string> {
  return (await ensureIdentity(client, audience)).accessToken;
}

/** The same, with the user id it belongs to (a player's own Realtime topic is named by it). */
export async function ensureIdentity(
  client: SupabaseClient,
  audience: BrowserAudience,
): Promise<{ accessToken: string; userId: string }> {
  const { data } = await client.auth.getSession();
  if (data.session) return { accessToken: data.session.access_token, userId: data.session.user.id };
  if (audience === "host") throw new Error("Not signed in");
  const { data: signedIn, error } = await client.auth.signInAnonymously();
  if (error || !signedIn.session) throw new Error(error?.message ?? "Anonymous sign-in failed");
  return { accessToken: signedIn.session.access_token, userId: signedIn.session.user.id };
}
