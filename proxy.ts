import type { NextRequest } from "next/server";
import { updateSession } from "@/lib/supabase/proxy";

export async function proxy(request: NextRequest) {
  return updateSession(request);
}

// Only the host's pages carry a cookie session worth refreshing. Players and the screen hold their
// anonymous session in the browser, and the API (above all the answer path) must not pay for a refresh.
export const config = {
  matcher: ["/host/:path*", "/login", "/signup"],
};
