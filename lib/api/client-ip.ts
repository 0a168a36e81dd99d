import type { IncomingHttpHeaders } from "node:http";

export type TrustedProxy = "vercel" | "last-hop" | "none";

/** How a header is read: a Web `Headers`, or a Node request's headers through `nodeHeaders`. */
export type HeaderReader = { get(name: string): string | null };

/** A Node request's headers as a HeaderReader (a repeated header reads as its values joined, as in `Headers`). */
export function nodeHeaders(headers: IncomingHttpHeaders): HeaderReader {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : (value ?? null);
    },
  };
}

/** Every request without a trustworthy address shares this identifier (and so its per-IP budget). */
export const UNKNOWN_CLIENT = "unknown";

/**
 * The client's address for per-IP rate limits, taken only from a header someone we trust wrote:
 *
 * - `vercel`: Vercel overwrites `x-real-ip` (and `x-forwarded-for`) with the address it saw.
 * - `last-hop`: one reverse proxy (nginx, Caddy) appends the address it saw to `x-forwarded-for`; the
 *   entries before it are the client's own claim.
 * - `none` (the default off Vercel, e.g. `npm start` on a pub's laptop): `next start` fills
 *   `x-forwarded-for` with the socket address only when the client sent none, so the header can always be
 *   forged. Every client then shares one budget, which is what per-IP budgets already assume of a pub
 *   behind one NAT address; forging a header buys nothing.
 */
export function clientIpFrom(headers: HeaderReader, trust: TrustedProxy): string {
  switch (trust) {
    case "vercel":
      return headers.get("x-real-ip")?.trim() || firstHop(headers.get("x-forwarded-for")) || UNKNOWN_CLIENT;
    case "last-hop":
      return lastHop(headers.get("x-forwarded-for")) || UNKNOWN_CLIENT;
    case "none":
      return UNKNOWN_CLIENT;
  }
}

const firstHop = (value: string | null) => value?.split(",")[0]?.trim();
const lastHop = (value: string | null) => value?.split(",").at(-1)?.trim();
