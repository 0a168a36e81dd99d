import { decodeJwt } from "jose";
import { JwtError, type Keys, type VerifiedClaims } from "../keys";

/**
 * JWT checks for Realtime: the connect-time apikey, join and access_token tokens, HTTP broadcast callers.
 * Verification itself is `keys.verify`; this adds Supabase's error wording and a cache.
 */

export type TokenCheck = { ok: true; claims: VerifiedClaims } | { ok: false; code: JwtError["code"]; message: string };

// Join error reasons, "<Code>: <message>" as Supabase logs and replies them.
const JOIN_ERROR_CODE: Record<JwtError["code"], string> = {
  expired: "InvalidJWTToken",
  claims: "InvalidJWTToken",
  malformed: "MalformedJWT",
  signature: "JwtSignatureError",
};

export function joinErrorReason(check: Extract<TokenCheck, { ok: false }>): string {
  return `${JOIN_ERROR_CODE[check.code]}: ${check.message}`;
}

const TOKEN_CACHE_MAX = 10_000;

/**
 * Verifies tokens through `keys.verify`, remembering good ones until they expire: a join wave of
 * thousands of players mostly presents the same anon key, and every rejoin presents the same JWT.
 */
export class TokenVerifier {
  private readonly cache = new Map<string, VerifiedClaims>();

  constructor(private readonly keys: Keys) {}

  async check(token: string): Promise<TokenCheck> {
    const cached = this.cache.get(token);
    const now = Math.floor(Date.now() / 1000);
    if (cached && typeof cached.exp === "number" && cached.exp > now) return { ok: true, claims: cached };
    if (cached) this.cache.delete(token);
    try {
      const claims = await this.keys.verify(token);
      if (this.cache.size >= TOKEN_CACHE_MAX) this.cache.clear();
      this.cache.set(token, claims);
      return { ok: true, claims };
    } catch (error) {
      const fallback = this.nonJwtApiKey(token);
      if (fallback) return { ok: true, claims: fallback };
      if (!(error instanceof JwtError))
        return { ok: false, code: "malformed", message: "The token provided is not a valid JWT" };
      if (error.code === "expired") return { ok: false, code: "expired", message: expiredMessage(token) };
      return { ok: false, code: error.code, message: error.message };
    }
  }

  /**
   * The configured API keys may be non-JWT keys (Supabase's newer `sb_publishable_…`/`sb_secret_…` style,
   * set through SUPABASE_ANON_KEY / SUPABASE_SERVICE_ROLE_KEY). Those exact strings stand for their role.
   */
  private nonJwtApiKey(token: string): VerifiedClaims | undefined {
    if (token.split(".").length === 3) return undefined;
    const role = token === this.keys.anonKey ? "anon" : token === this.keys.serviceRoleKey ? "service_role" : undefined;
    return role ? { role, exp: Number.MAX_SAFE_INTEGER } : undefined;
  }
}

/** Supabase's wording, with the age of the expiry ("Token has expired 12 seconds ago"). */
function expiredMessage(token: string): string {
  try {
    const { exp } = decodeJwt(token);
    if (typeof exp === "number")
      return `Token has expired ${Math.max(0, Math.floor(Date.now() / 1000) - exp)} seconds ago`;
  } catch {
    // fall through to the generic wording
  }
  return "Token has expired";
}
