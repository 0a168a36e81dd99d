/**
 * Headers on every response (pages, API, static files), set in next.config.ts. The page CSP is per request
 * (proxy.ts, content-security-policy.ts); responses the proxy does not see (the API, assets) get a policy
 * that allows nothing, which is all JSON and files need.
 */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Kept alongside frame-ancestors for browsers that predate it.
  { key: "X-Frame-Options", value: "DENY" },
  // Players' phones need none of these; the camera is the phone's own QR scanner, not the page's.
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** For responses that are never a document (JSON, assets): no scripts, no framing. */
export const NON_DOCUMENT_CSP = { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" };

/**
 * HSTS only where the request arrived over HTTPS (Vercel and TLS-terminating proxies say so in
 * x-forwarded-proto): on a pub's laptop served over plain http it would mean nothing, and on 127.0.0.1 it
 * would pin the address to https for a year.
 */
export const HSTS = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };
