import { z } from "zod";
import { amrOf, buildSession, newSession } from "../access-token";
import type { AuthRequest } from "../context";
import { AuthError, badRequest, forbidden, rateLimited } from "../errors";
import { readParams, sendTokens } from "../http";
import { allowedRedirect, consumeEmailToken, isPkceToken, tokenHash } from "../one-time-tokens";
import { issueAuthCode } from "../pkce";
import { insertSession } from "../sessions";
import { optionalString, validateEmail } from "../validation";

/**
 * GET /verify (the link in the mail: 303 to the app with the session in the fragment, or `?code=` for PKCE)
 * and POST /verify (the 6-digit code typed in, or a token hash: a session in the body). GoTrue
 * internal/api/verify.go, for the email types.
 */

const EMAIL_TYPES = new Set(["magiclink", "signup", "email", "invite", "recovery"]);

const otpExpired = () => forbidden("otp_expired", "Token has expired or is invalid");

export async function verifyGet(r: AuthRequest): Promise<void> {
  const token = r.url.searchParams.get("token") ?? "";
  const type = r.url.searchParams.get("type") ?? "";
  if (type === "") throw badRequest("validation_failed", "Verify requires a verification type");
  if (token === "") throw badRequest("validation_failed", "Verify requires a token or a token hash");
  const redirectTo = allowedRedirect(r, r.url.searchParams.get("redirect_to"));
  const pkce = isPkceToken(token);
  try {
    if (!EMAIL_TYPES.has(type)) throw badRequest("validation_failed", "Unsupported verification type");
    if (!r.state.limits.signIn.take(r.ip)) throw rateLimited("verifications");
    const userId = await consumeEmailToken(r, token, null);
    if (!userId) throw forbidden("otp_expired", "Email link is invalid or has expired");
    if (pkce) {
      const code = await issueAuthCode(r.state.sql, userId);
      redirect(r, withQuery(redirectTo, { code }));
      return;
    }
    const session = newSession(r, "otp");
    const user = await insertSession(r.state.sql, userId, session);
    if (!user) throw otpExpired();
    r.state.stats.otp_sign_ins += 1;
    const tokens = await buildSession(r, user, { id: session.id, amr: [amrOf(session)] }, session.refreshToken);
    const fragment = new URLSearchParams({
      access_token: tokens.access_token,
      expires_at: String(tokens.expires_at),
      expires_in: String(tokens.expires_in),
      refresh_token: tokens.refresh_token,
      token_type: "bearer",
      type,
    });
    redirect(r, `${redirectTo.split("#")[0]}#${fragment.toString()}`);
  } catch (error) {
    // A browser followed this link: errors go back to the app the way GoTrue sends them (prepErrorRedirectURL).
    if (!(error instanceof AuthError)) throw error;
    const details = { error: "access_denied", error_code: error.code, error_description: error.message };
    redirect(r, pkce ? withQuery(redirectTo, details) : `${redirectTo.split("#")[0]}#${new URLSearchParams(details)}`);
  }
}

const VerifyParams = z.object({
  type: optionalString,
  token: optionalString,
  token_hash: optionalString,
  email: optionalString,
  phone: optionalString,
});

export async function verifyPost(r: AuthRequest): Promise<void> {
  if (!r.state.limits.signIn.take(r.ip)) throw rateLimited("verifications");
  const params = await readParams(r, VerifyParams);
  if (params.type === "") throw badRequest("validation_failed", "Verify requires a verification type");
  if ((params.token === "") === (params.token_hash === "")) {
    throw badRequest("validation_failed", "Verify requires either a token or a token hash");
  }
  if (params.type === "sms" || params.type === "phone_change" || params.phone !== "") {
    throw badRequest("phone_provider_disabled", "Unsupported phone provider");
  }
  if (!EMAIL_TYPES.has(params.type)) throw badRequest("validation_failed", "Unsupported verification type");

  let userId: string | null;
  if (params.token !== "") {
    if (params.email === "") {
      throw badRequest("validation_failed", "Only an email address or phone number should be provided on verify");
    }
    const email = validateEmail(params.email);
    userId = await consumeEmailToken(r, tokenHash(email, params.token), email);
  } else {
    userId = await consumeEmailToken(r, params.token_hash, null);
  }
  if (!userId) throw otpExpired();

  const session = newSession(r, "otp");
  const user = await insertSession(r.state.sql, userId, session);
  if (!user) throw otpExpired();
  r.state.stats.otp_sign_ins += 1;
  sendTokens(r, await buildSession(r, user, { id: session.id, amr: [amrOf(session)] }, session.refreshToken));
}

function redirect(r: AuthRequest, location: string): void {
  r.res.writeHead(303, { location, "cache-control": "no-store", "content-length": 0 });
  r.res.end();
}

function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}
