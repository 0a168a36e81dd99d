import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServerClient, parseCookieHeader, serializeCookieHeader } from "@supabase/ssr";
import { serverEnv } from "@/lib/env";
import { authCookieOptions } from "./cookie-options";
import { realtimeTransport } from "./transport";

/**
 * createSupabaseServerClient (./server.ts) for a Pages Router API route: the auth cookies of this Node
 * request, refreshed ones appended to its response as Set-Cookie.
 */
export function createSupabaseNodeClient(req: IncomingMessage, res: ServerResponse) {
  const env = serverEnv();
  return createServerClient(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_ANON_KEY, {
    cookieOptions: authCookieOptions(req.headers["x-forwarded-proto"] === "https"),
    cookies: {
      getAll: () =>
        parseCookieHeader(req.headers.cookie ?? "").map(({ name, value }) => ({ name, value: value ?? "" })),
      setAll(cookiesToSet) {
        for (const { name, value, options } of cookiesToSet)
          res.appendHeader("set-cookie", serializeCookieHeader(name, value, options));
      },
    },
    realtime: realtimeTransport(),
  });
}
