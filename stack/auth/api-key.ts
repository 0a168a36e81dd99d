import type { AuthRequest } from "./context";
import { AuthError } from "./errors";

/**
 * The API-gateway check Supabase puts in front of GoTrue (Kong's key-auth locally): every Auth request but the
 * open ones carries the project's anon or service-role key, in the `apikey` header or query parameter. Besides
 * the configured keys, any JWT this stack signed with role anon or service_role passes (a key minted with
 * the same secret, as `supabase start` users do).
 */

const API_KEY_ROLES = new Set(["anon", "service_role"]);
// Verified keys and their expiry (ms), so a custom key costs one signature check, not one per request.
// Bounded: a project has a handful of keys.
const verifiedKeys = new WeakMap<object, Map<string, number>>();
const MAX_CACHED_KEYS = 32;

export async function checkApiKey(r: AuthRequest): Promise<void> {
  const header = r.req.headers.apikey;
  const key = (typeof header === "string" ? header : undefined) ?? r.url.searchParams.get("apikey") ?? "";
  if (key === "") {
    throw new AuthError(401, "no_api_key", "No API key found in request", {
      hint: "No `apikey` request header or url param was found.",
    });
  }
  const { keys } = r.state.deps;
  if (key === keys.anonKey || key === keys.serviceRoleKey) return;

  let cache = verifiedKeys.get(r.state);
  const cachedUntil = cache?.get(key);
  if (cachedUntil !== undefined && cachedUntil > Date.now()) return;
  const expiresAt = await keys.verify(key).then(
    (claims) => (API_KEY_ROLES.has(claims.role) ? (claims.exp ?? 0) * 1000 : null),
    () => null,
  );
  if (expiresAt === null) {
    throw new AuthError(401, "invalid_api_key", "Invalid API key", {
      hint: "Double check your Supabase `anon` or `service_role` API key.",
    });
  }
  if (!cache) verifiedKeys.set(r.state, (cache = new Map<string, number>()));
  if (cache.size < MAX_CACHED_KEYS) cache.set(key, expiresAt);
}
