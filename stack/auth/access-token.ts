import { randomBytes, randomUUID } from "node:crypto";
import type { AuthRequest } from "./context";
import type { NewSession } from "./sessions";
import { userJson, type UserJson, type UserRow } from "./user-json";

/**
 * Access tokens and the session response (GoTrue's AccessTokenResponse). The claims are exactly GoTrue's
 * (internal/tokens/service.go GenerateAccessToken), so RLS policies and `auth.jwt()` read the same values
 * locally as on a hosted project.
 */

/** How a session was authenticated (GoTrue's AuthenticationMethod names). */
export type AuthMethod = "password" | "anonymous" | "otp" | "magiclink" | "email/signup";
export type AmrEntry = { method: string; timestamp: number };

export type SessionResponse = {
  access_token: string;
  token_type: "bearer";
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: UserJson;
  weak_password?: { message: string; reasons: string[] };
};

/** Opaque, unguessable, URL- and cookie-safe (GoTrue's are shorter; clients treat them as opaque strings). */
export const newRefreshToken = (): string => randomBytes(24).toString("base64url");

/** A session about to be created for this request's client. */
export function newSession(r: AuthRequest, method: AuthMethod): NewSession {
  return {
    id: randomUUID(),
    method,
    refreshToken: newRefreshToken(),
    ip: r.ip,
    userAgent: r.userAgent,
    createdAt: new Date(),
  };
}

/**
 * The `amr` entry of a new session, from the same instant its auth.mfa_amr_claims row stores, so a refreshed
 * token (whose amr is read back from that row) carries the very same timestamp.
 */
export const amrOf = (session: NewSession): AmrEntry => ({
  method: session.method,
  timestamp: Math.floor(session.createdAt.getTime() / 1000),
});

export async function buildSession(
  r: AuthRequest,
  user: UserRow,
  session: { id: string; amr: AmrEntry[] },
  refreshToken: string,
): Promise<SessionResponse> {
  const { env, keys } = r.state.deps;
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + env.STACK_JWT_EXPIRY;
  const access_token = await keys.signAccessToken({
    iss: r.issuer,
    sub: user.id,
    aud: user.aud ?? "authenticated",
    exp,
    iat,
    email: user.email ?? "",
    phone: user.phone ?? "",
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role ?? "authenticated",
    aal: "aal1",
    amr: session.amr,
    session_id: session.id,
    is_anonymous: user.is_anonymous,
  });
  return {
    access_token,
    token_type: "bearer",
    expires_in: env.STACK_JWT_EXPIRY,
    expires_at: exp,
    refresh_token: refreshToken,
    user: userJson(user),
  };
}

/** `amr` from the session's rows in auth.mfa_amr_claims, newest first as GoTrue sorts them. */
export function amrFromRows(rows: { method: string; at: Date | string }[] | null | undefined): AmrEntry[] {
  return (rows ?? [])
    .map((row) => ({ method: row.method, timestamp: Math.floor(new Date(row.at).getTime() / 1000) }))
    .sort((a, b) => b.timestamp - a.timestamp);
}
