import { NextResponse, type NextRequest } from "next/server";
import { serverEnv } from "@/lib/env";
import { contentSecurityPolicy, createNonce } from "@/lib/security/content-security-policy";
import { updateSession } from "@/lib/supabase/proxy";

/**
 * Every page: a Content-Security-Policy with a fresh nonce, set on the request (Next.js reads the nonce from
 * it and stamps it on its scripts) and on the response. Host pages also refresh the cookie session.
 */
export async function proxy(request: NextRequest) {
  if (hasMalformedEscape(request.nextUrl.pathname))
    return Response.json(
      { error: { code: "invalid_path", message: "The path has a malformed percent-escape." } },
      { status: 400 },
    );
  if (isCrossSiteActionPost(request))
    return Response.json(
      { error: { code: "forbidden", message: "Server actions only accept requests from this site." } },
      { status: 403 },
    );
  const csp = contentSecurityPolicy({
    nonce: createNonce(),
    supabaseUrl: serverEnv().NEXT_PUBLIC_SUPABASE_URL,
    isDev: process.env.NODE_ENV === "development",
    isHttps: request.headers.get("x-forwarded-proto") === "https" || request.nextUrl.protocol === "https:",
  });
  request.headers.set("content-security-policy", csp);
  const response = isHostPage(request.nextUrl.pathname) ? await updateSession(request) : NextResponse.next({ request });
  response.headers.set("content-security-policy", csp);
  return response;
}

/**
 * Next.js itself refuses a server action whose Origin differs from the host (answering 500); this refuses it
 * earlier, with a 403, and also when the browser marks the request cross-site. No Origin at all is a
 * hand-made request, which carries no victim's cookies: Next lets it through, and so does this.
 */
function isCrossSiteActionPost(request: NextRequest): boolean {
  if (request.method !== "POST" || !request.headers.has("next-action")) return false;
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return origin === "null" || new URL(origin).host !== host;
  } catch {
    return true;
  }
}

// Next.js decodes dynamic segments itself and answers a malformed escape ("%E0%A4%A", "%ZZ") with a 500.
function hasMalformedEscape(pathname: string): boolean {
  if (!pathname.includes("%")) return false;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

// Only the host's pages carry a cookie session worth refreshing. Players and the screen hold their
// anonymous session in the browser, and the API (above all the answer path) must not pay for a refresh.
function isHostPage(pathname: string): boolean {
  return pathname === "/login" || pathname === "/signup" || pathname === "/host" || pathname.startsWith("/host/");
}

// Pages, and API paths with a '%' (see hasMalformedEscape): the API returns JSON (its headers come from
// next.config.ts) and assets need no nonce.
export const config = {
  matcher: [
    // The API only when its path holds a percent sign (the answer path never pays for the proxy).
    "/api/:path(.*%.*)",
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
