import { bearerToken } from "../http/json";
import { JwtError, type VerifiedClaims } from "../keys";
import type { AuthRequest } from "./context";
import { AuthError, badRequest, forbidden } from "./errors";
import { IDENTITIES_OF_U, USER_COLUMNS, isBanned, type UserRow } from "./user-json";

/**
 * GoTrue's requireAuthentication: a Bearer user JWT, verified (ES256 by kid, or the legacy HS256 secret), whose
 * user and session still exist. Checking the session is what makes logout effective before the JWT expires.
 * Statuses and messages are GoTrue's (internal/api/auth.go).
 */

export type Authenticated = { claims: VerifiedClaims; user: UserRow; sessionId: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

/** Verifies the Bearer token's signature and expiry; `no_authorization` / `bad_jwt` otherwise. */
export async function verifyBearer(r: AuthRequest): Promise<VerifiedClaims> {
  const token = bearerToken(r.req);
  if (!token) throw new AuthError(401, "no_authorization", "This endpoint requires a valid Bearer token");
  try {
    return await r.state.deps.keys.verify(token);
  } catch (error) {
    const detail = error instanceof JwtError ? error.message : "invalid token";
    throw forbidden("bad_jwt", `invalid JWT: unable to parse or verify signature, ${detail}`);
  }
}

export async function authenticate(r: AuthRequest): Promise<Authenticated> {
  const claims = await verifyBearer(r);
  if (!claims.sub) throw forbidden("bad_jwt", "invalid claim: missing sub claim");
  if (!isUuid(claims.sub)) throw badRequest("bad_jwt", "invalid claim: sub claim must be a UUID");
  const sessionId = typeof claims.session_id === "string" && claims.session_id !== NIL_UUID ? claims.session_id : null;
  if (sessionId !== null && !isUuid(sessionId)) {
    throw forbidden("bad_jwt", "invalid claim: session_id claim must be a UUID");
  }

  // User, identities and session in one round trip: GET /user is called by every server render with @supabase/ssr.
  const rows = await r.state.sql<(UserRow & { session_exists: boolean })[]>`
    select ${r.state.sql.unsafe(USER_COLUMNS)}, ${r.state.sql.unsafe(IDENTITIES_OF_U)},
      exists (select 1 from auth.sessions s where s.id = ${sessionId}::uuid and s.user_id = u.id) as session_exists
    from auth.users u where u.id = ${claims.sub}::uuid`;
  const row = rows[0];
  if (!row) throw forbidden("user_not_found", "User from sub claim in JWT does not exist");
  if (sessionId !== null && !row.session_exists) {
    throw forbidden("session_not_found", "Session from session_id claim in JWT does not exist");
  }
  if (isBanned(row)) throw forbidden("user_banned", "User is banned");
  const { session_exists: _exists, ...user } = row;
  return { claims, user, sessionId };
}

/** GoTrue's requireAdmin: the token's role must be an admin role (the service_role key, in practice). */
export async function requireAdmin(r: AuthRequest): Promise<VerifiedClaims> {
  const claims = await verifyBearer(r);
  if (!ADMIN_ROLES.has(claims.role)) throw forbidden("not_admin", "User not allowed");
  return claims;
}

const ADMIN_ROLES = new Set(["service_role", "supabase_admin"]);
export const NIL_UUID = "00000000-0000-0000-0000-000000000000";
