import { z } from "zod";
import { requireAdmin } from "../authenticate";
import type { AuthRequest } from "../context";
import { AuthError, badRequest, rateLimited, unprocessable } from "../errors";
import { readParams, send } from "../http";
import { issueEmailLink } from "../one-time-tokens";
import { parseChallenge } from "../pkce";
import { userJson } from "../user-json";
import { metadata, optionalString, validateEmail } from "../validation";

/**
 * POST /otp (signInWithOtp: magic link + 6-digit code) and POST /admin/generate_link (GoTrue internal/api/otp.go,
 * magic_link.go, mail.go). With no mail server the link is written to the stack's log for the developer to open.
 */

const OtpParams = z.object({
  email: optionalString,
  phone: optionalString,
  data: metadata,
  create_user: z.boolean().nullish(),
  code_challenge: optionalString,
  code_challenge_method: optionalString,
});

export async function otp(r: AuthRequest): Promise<void> {
  if (!r.state.limits.signIn.take(r.ip)) throw rateLimited("sign-ins and sign-ups");
  const params = await readParams(r, OtpParams);
  if (params.email === "" && params.phone === "")
    throw badRequest("validation_failed", "One of email or phone must be set");
  if (params.email !== "" && params.phone !== "") {
    throw badRequest("validation_failed", "Only an email address or phone number should be provided");
  }
  if (params.phone !== "") throw badRequest("phone_provider_disabled", "Unsupported phone provider");
  const email = validateEmail(params.email);
  const pkce = parseChallenge(params.code_challenge, params.code_challenge_method);

  const link = await issueEmailLink(r, email, {
    createUser: params.create_user ?? true,
    data: params.data ?? {},
    pkce,
  });
  if (!link) throw unprocessable("otp_disabled", "Signups not allowed for otp");
  r.state.stats.otp_sent += 1;
  r.state.deps.log.info("auth: magic link (no mail server here: open the link, or type the code)", {
    email,
    link: link.actionLink,
    code: link.otp,
  });
  send(r, 200, {});
}

const GenerateLinkParams = z.object({
  type: optionalString,
  email: optionalString,
  data: metadata,
  redirect_to: optionalString,
});

/** What `supabase.auth.admin.generateLink()` gets: the user plus the link's properties. Magic link and signup only. */
export async function generateLink(r: AuthRequest): Promise<void> {
  await requireAdmin(r);
  const params = await readParams(r, GenerateLinkParams);
  if (params.type !== "magiclink" && params.type !== "signup") {
    throw badRequest(
      "validation_failed",
      `The local stack generates "magiclink" and "signup" links only, not "${params.type}"`,
    );
  }
  const email = validateEmail(params.email);
  if (params.redirect_to !== "" && !r.url.searchParams.has("redirect_to")) {
    r.url.searchParams.set("redirect_to", params.redirect_to);
  }
  const link = await issueEmailLink(r, email, { createUser: true, data: params.data ?? {}, pkce: null });
  if (!link) throw new AuthError(404, "user_not_found", "User with this email not found");
  send(r, 200, {
    ...userJson(link.user),
    action_link: link.actionLink,
    email_otp: link.otp,
    hashed_token: link.hashedToken,
    verification_type: link.type,
    redirect_to: link.redirectTo,
  });
}
