import { publicConfig } from "@/lib/env";

/**
 * The Supabase URL and anon key this deployment uses: both public (the browser bundle carries them too).
 * Lets API clients such as the load tool find Auth and Realtime from the app's URL alone.
 */
export function GET(): Response {
  return Response.json(publicConfig(), { headers: { "cache-control": "no-store" } });
}
