import "server-only";
import { createServerClient } from "@supabase/ssr";
import { cookies, headers } from "next/headers";
import { serverEnv } from "@/lib/env";
import { authCookieOptions } from "./cookie-options";
import { realtimeTransport } from "./transport";

/**
 * The Supabase client for one server request (server components, actions, route handlers), reading and
 * writing the auth cookies of that request. Identity comes from `getClaims()` (verified locally against
 * the project's JWKS), never from `getSession().user`.
 */
export async function createSupabaseServerClient() {
  const env = serverEnv();
  const cookieStore = await cookies();
  const isHttps = (await headers()).get("x-forwarded-proto") === "https";
  return createServerClient(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_ANON_KEY, {
    cookieOptions: authCookieOptions(isHttps),
    cookies: {
      getAll: () => cookieStore.getAll(),
      setAll(cookiesToSet) {
        try {
          for (const { name, value, options } of cookiesToSet) cookieStore.set(name, value, options);
        } catch {
          // Called from a server component, where cookies are read-only: the proxy refreshes the session.
        }
      },
    },
    realtime: realtimeTransport(),
  });
}
