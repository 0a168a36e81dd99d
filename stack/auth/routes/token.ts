import { z } from "zod";
import { amrFromRows, amrOf, buildSession, newRefreshToken, newSession, type AuthMethod } from "../access-token";
import type { AuthRequest } from "../context";
import { AuthError, badRequest, invalidCredentials, rateLimited, unprocessable } from "../errors";
import { readParams, sendTokens } from "../http";
import { burnPasswordCheck, passwordWeakness, verifyPassword } from "../passwords";
import { redeemAuthCode } from "../pkce";
import { deleteSession, insertSession, inspectRefreshToken, rotateRefreshToken } from "../sessions";
import { isBanned } from "../user-json";
import { findUserByEmail } from "../users";
import { optionalString } from "../validation";

/** POST /token?grant_type=password|refresh_token|pkce (GoTrue internal/api/token.go, internal/tokens/service.go). */

/** GoTrue's refresh_token_reuse_interval (supabase/config.toml has the same 10 s). */
export const REFRESH_TOKEN_REUSE_INTERVAL_SECONDS = 10;

export async function token(r: AuthRequest): Promise<void> {
  const grantType = r.url.searchParams.get("grant_type");
  switch (grantType) {
    case "password":
      return passwordGrant(r);
    case "refresh_token":
      return refreshTokenGrant(r);
    case "pkce":
      return pkceGrant(r);
    default:
      throw badRequest("invalid_credentials", "unsupported_grant_type");
  }
}

const PasswordParams = z.object({ email: optionalString, phone: optionalString, password: optionalString });

async function passwordGrant(r: AuthRequest): Promise<void> {
  if (!r.state.limits.signIn.take(r.ip)) throw rateLimited("sign-ins and sign-ups");
  const params = await readParams(r, PasswordParams);
  if (params.email !== "" && params.phone !== "") {
    throw badRequest("validation_failed", "Only an email address or phone number should be provided on login.");
  }
  if (params.email === "" && params.phone === "") throw badRequest("validation_failed", "missing email or phone");
  if (params.email === "") throw unprocessable("phone_provider_disabled", "Phone logins are disabled");

  const user = await findUserByEmail(r.state.sql, params.email);
  // Same answer, and the same bcrypt time, for an unknown email and a wrong password.
  if (!user || !user.encrypted_password) {
    await burnPasswordCheck(params.password);
    throw invalidCredentials();
  }
  if (isBanned(user)) throw badRequest("user_banned", "User is banned");
  if (!(await verifyPassword(params.password, user.encrypted_password))) throw invalidCredentials();
  if (!user.email_confirmed_at) throw badRequest("email_not_confirmed", "Email not confirmed");

  // A valid but weak password still signs in; GoTrue reports it so the app can ask for a new one.
  const weak = passwordWeakness(params.password);
  const session = newSession(r, "password");
  const signedIn = await insertSession(r.state.sql, user.id, session);
  if (!signedIn) throw invalidCredentials();
  r.state.stats.password_sign_ins += 1;
  const response = await buildSession(r, signedIn, { id: session.id, amr: [amrOf(session)] }, session.refreshToken);
  sendTokens(r, weak ? { ...response, weak_password: weak } : response);
}

const RefreshParams = z.object({ refresh_token: optionalString });

async function refreshTokenGrant(r: AuthRequest): Promise<void> {
  const { refresh_token: presented } = await readParams(r, RefreshParams);
  if (presented === "") throw badRequest("validation_failed", "refresh_token required");
  const { sql } = r.state;

  // At most twice: an unrevoked token that did not rotate lost a race with a concurrent refresh of it.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const child = newRefreshToken();
    const rotated = await rotateRefreshToken(sql, presented, child, { ip: r.ip, userAgent: r.userAgent });
    if (rotated) {
      r.state.stats.refreshes += 1;
      sendTokens(r, await buildSession(r, rotated, { id: rotated.session_id, amr: amrFromRows(rotated.amr) }, child));
      return;
    }

    const state = await inspectRefreshToken(sql, presented, REFRESH_TOKEN_REUSE_INTERVAL_SECONDS);
    if (!state || !state.id)
      throw badRequest("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
    if (!state.token_session_id) throw badRequest("session_not_found", "Invalid Refresh Token: No Valid Session Found");
    if (isBanned(state)) throw badRequest("user_banned", "Invalid Refresh Token: User Banned");
    if (!state.token_revoked) continue;

    if (state.within_reuse_interval && state.active_token) {
      // The client lost the response of its last refresh (or several tabs refreshed at once): hand out the
      // session's current token instead of a new branch, as GoTrue does within the reuse interval.
      r.state.stats.refresh_reuses += 1;
      const session = { id: state.token_session_id, amr: amrFromRows(state.amr) };
      sendTokens(r, await buildSession(r, state, session, state.active_token));
      return;
    }
    // An old token came back after its successor was in use: it may have been stolen. End the whole session,
    // so neither party keeps it (GoTrue does the same with refresh-token rotation on).
    await deleteSession(sql, state.token_session_id);
    throw badRequest("refresh_token_already_used", "Invalid Refresh Token: Already Used");
  }
  throw new Error("refresh token neither rotated nor revoked");
}

const PkceParams = z.object({ auth_code: optionalString, code_verifier: optionalString });

async function pkceGrant(r: AuthRequest): Promise<void> {
  const params = await readParams(r, PkceParams);
  if (params.auth_code === "" || params.code_verifier === "") {
    throw badRequest("validation_failed", "invalid request: both auth code and code verifier should be non-empty");
  }
  const { userId, method } = await redeemAuthCode(r.state.sql, params.auth_code, params.code_verifier);
  const authMethod = (method === "magiclink" || method === "email/signup" ? method : "otp") as AuthMethod;
  const session = newSession(r, authMethod);
  const user = await insertSession(r.state.sql, userId, session, { confirmEmail: true });
  if (!user) throw new AuthError(404, "flow_state_not_found", "invalid flow state, no valid flow state found");
  r.state.stats.otp_sign_ins += 1;
  sendTokens(r, await buildSession(r, user, { id: session.id, amr: [amrOf(session)] }, session.refreshToken));
}
