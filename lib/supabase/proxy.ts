import { createServerClient } from "@supabase/ssr";
import { NextResponse, type NextRequest } from "next/server";
import { serverEnv } from "@/lib/env";
import { authCookieOptions } from "./cookie-options";
import { realtimeTransport } from "./transport";

/**
 * Refreshes the host's auth session cookies on navigation (Next.js proxy, formerly middleware). It only
 * refreshes: identity checks happen in the pages and handlers with `getClaims()`.
 *
 * Hazard (from Supabase's starter): do not run code between createServerClient and getClaims(), and return
 * the response object as built here, or users get signed out at random.
 */
export async function updateSession(request: NextRequest): Promise<NextResponse> {
  let response = NextResponse.next({ request });
  const env = serverEnv();
  const isHttps = request.headers.get("x-forwarded-proto") === "https" || request.nextUrl.protocol === "https:";
  const supabase = createServerClient(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_ANON_KEY, {
    cookieOptions: authCookieOptions(isHttps),
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll(cookiesToSet) {
        for (const { name, value } of cookiesToSet) request.cookies.set(name, value);
        response = NextResponse.next({ request });
        for (const { name, value, options } of cookiesToSet) response.cookies.set(name, value, options);
      },
    },
    realtime: realtimeTransport(),
  });
  await supabase.auth.getClaims();
  return response;
}
