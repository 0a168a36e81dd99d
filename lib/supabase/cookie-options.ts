/**
 * Attributes of the host's auth cookies, for every client that writes them (server, proxy, browser).
 * @supabase/ssr's defaults are SameSite=Lax, Path=/, not HttpOnly, no Secure. HttpOnly stays off: the
 * browser client (the host console's Realtime and token refresh) reads the session from these cookies.
 * Secure is added whenever the page was served over https (Vercel, or a TLS proxy saying so in
 * x-forwarded-proto); over plain http on a pub's laptop a Secure cookie would never come back.
 */
export function authCookieOptions(isHttps: boolean) {
  return { sameSite: "lax" as const, path: "/", secure: isHttps };
}
