/**
 * The Content-Security-Policy of every page (set per request by proxy.ts, with a fresh nonce).
 *
 * - Scripts: only those carrying this request's nonce (Next.js stamps it on its own scripts when it finds
 *   the policy on the request) and what they load ('strict-dynamic'). No 'unsafe-eval' outside `next dev`,
 *   where React needs it for its error overlays.
 * - Styles: 'unsafe-inline', because React writes `style` attributes (bars, countdown rings) and nonces do
 *   not apply to attributes. Style injection cannot run script, and the answer key never sits in the DOM.
 * - connect-src: the Supabase project (Auth over HTTPS, Realtime over WSS), whatever its origin is.
 * - img-src: question images are any http(s) URL the host typed; the QR code is inline SVG markup.
 * - frame-ancestors 'none': nothing of PubQuiz is meant to be framed (clickjacking of the host console).
 */
export function contentSecurityPolicy(options: {
  nonce: string;
  supabaseUrl: string;
  isDev: boolean;
  isHttps: boolean;
}): string {
  const supabase = new URL(options.supabaseUrl);
  const realtime = `${supabase.protocol === "https:" ? "wss:" : "ws:"}//${supabase.host}`;
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https: http:",
    "font-src 'self'",
    `connect-src 'self' ${supabase.origin} ${realtime}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self' blob:",
    ...(options.isHttps ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** A fresh, unguessable nonce per request (128 bits, base64). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
