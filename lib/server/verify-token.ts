import "server-only";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { callerClaimsSchema, type CallerClaims } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { realtimeTransport } from "@/lib/supabase/transport";

let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
let legacyVerifier: SupabaseClient | undefined;

/**
 * Verifies a Supabase access token and returns its claims, or null. Asymmetric tokens (what hosted projects
 * and the local stack sign) are checked here against the project's JWKS, fetched once and kept with its
 * imported keys (supabase-js's getClaims() re-imports the key on every call, a measurable cost on the
 * answer path); so no request makes an Auth round trip. Only legacy HS256 tokens ask the Auth server.
 */
export async function verifyAccessToken(token: string): Promise<CallerClaims | null> {
  const known = verified.get(token);
  if (known && known.expiresAt > Date.now()) return known.claims;
  const claims = await verifyUncached(token);
  if (claims && typeof claims.exp === "number") remember(token, claims, claims.exp * 1000);
  return claims;
}

/**
 * Tokens verified already, until they expire: a phone sends the same token with every request of a game, and
 * an ES256 verification costs more than the rest of an answer's handling in this process. Bounded; the
 * oldest entries go first.
 */
// On globalThis: the App Router's routes and the answer path's Pages Router route are separate bundles, each
// with its own copy of this module; a token verified at join must not be verified again at the first answer.
type Verified = Map<string, { claims: CallerClaims; expiresAt: number }>;
const holder = globalThis as typeof globalThis & { __pubquizVerifiedTokens?: Verified };
const verified = (holder.__pubquizVerifiedTokens ??= new Map() as Verified);
const MAX_REMEMBERED = 20_000;

function remember(token: string, claims: CallerClaims, expiresAt: number) {
  if (verified.size >= MAX_REMEMBERED) {
    const now = Date.now();
    for (const [key, entry] of verified) if (entry.expiresAt <= now) verified.delete(key);
    // Still full: drop the oldest tenth (a Map iterates in insertion order).
    if (verified.size >= MAX_REMEMBERED) {
      let drop = MAX_REMEMBERED / 10;
      for (const key of verified.keys()) {
        verified.delete(key);
        if (--drop <= 0) break;
      }
    }
  }
  verified.set(token, { claims, expiresAt });
}

async function verifyUncached(token: string): Promise<CallerClaims | null> {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    return null;
  }
  const claims = alg === "HS256" ? await verifyWithAuthServer(token) : await verifyWithJwks(token);
  const parsed = callerClaimsSchema.safeParse(claims);
  return parsed.success && parsed.data.role === "authenticated" && parsed.data.sub ? parsed.data : null;
}

async function verifyWithJwks(token: string): Promise<unknown> {
  jwks ??= createRemoteJWKSet(new URL("/auth/v1/.well-known/jwks.json", serverEnv().NEXT_PUBLIC_SUPABASE_URL), {
    cacheMaxAge: 10 * 60_000, // a rotated key is picked up within minutes (an unknown kid refetches sooner)
    cooldownDuration: 30_000,
  });
  try {
    return (await jwtVerify(token, jwks, { algorithms: ["ES256", "RS256"] })).payload;
  } catch {
    return null;
  }
}

async function verifyWithAuthServer(token: string): Promise<unknown> {
  legacyVerifier ??= createClient(serverEnv().NEXT_PUBLIC_SUPABASE_URL, serverEnv().NEXT_PUBLIC_SUPABASE_ANON_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: realtimeTransport(),
  });
  const { data, error } = await legacyVerifier.auth.getClaims(token);
  return error || !data ? null : data.claims;
}
