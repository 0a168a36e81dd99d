import { randomUUID } from "node:crypto";
import { z } from "zod";
import { amrOf, buildSession, newSession } from "../access-token";
import type { AuthRequest } from "../context";
import { badRequest, rateLimited, unprocessable } from "../errors";
import { readParams, sendTokens } from "../http";
import { checkPasswordStrength, hashPassword } from "../passwords";
import { insertUser } from "../sessions";
import { metadata, optionalString, validateEmail } from "../validation";

/**
 * POST /signup (GoTrue internal/api/signup.go + anonymous.go). Email + password signs up and, with
 * autoconfirm (the local stack's mailer has no mail to send), signs in at once. No email and no phone is an
 * anonymous sign-in: the players' path, one INSERT statement and no bcrypt.
 */
const SignupParams = z.object({
  email: optionalString,
  phone: optionalString,
  password: optionalString,
  data: metadata,
});

export async function signup(r: AuthRequest): Promise<void> {
  const params = await readParams(r, SignupParams);
  if (params.email === "" && params.phone === "") return signInAnonymously(r, params.data ?? {});

  if (!r.state.limits.signIn.take(r.ip)) throw rateLimited("sign-ins and sign-ups");
  if (params.password === "") throw badRequest("validation_failed", "Signup requires a valid password");
  checkPasswordStrength(params.password);
  if (params.email !== "" && params.phone !== "") {
    throw badRequest("validation_failed", "Only an email address or phone number should be provided on signup.");
  }
  if (params.email === "") throw badRequest("phone_provider_disabled", "Phone signups are disabled");
  const email = validateEmail(params.email);
  const data = params.data ?? {};

  const id = randomUUID();
  const session = newSession(r, "password");
  const user = await insertUser(
    r.state.sql,
    {
      id,
      email,
      encryptedPassword: await hashPassword(params.password),
      appMetadata: { provider: "email", providers: ["email"] },
      // GoTrue's user.Confirm() adds email_verified to the metadata; the identity keeps the sign-up claims.
      userMetadata: { ...data, email_verified: true },
      isAnonymous: false,
      emailConfirmed: true,
      identity: {
        provider: "email",
        providerId: id,
        data: { ...data, sub: id, email, email_verified: false, phone_verified: false },
      },
    },
    session,
  );
  if (!user) throw unprocessable("user_already_exists", "User already registered");
  r.state.stats.sign_ups += 1;
  sendTokens(r, await buildSession(r, user, { id: session.id, amr: [amrOf(session)] }, session.refreshToken));
}

async function signInAnonymously(r: AuthRequest, data: Record<string, unknown>): Promise<void> {
  if (!r.state.limits.anonymous.take(r.ip)) throw rateLimited("anonymous sign-ins");
  const session = newSession(r, "anonymous");
  const user = await insertUser(
    r.state.sql,
    {
      id: randomUUID(),
      email: null,
      encryptedPassword: null,
      appMetadata: {},
      userMetadata: data,
      isAnonymous: true,
      emailConfirmed: false,
      identity: null,
    },
    session,
  );
  if (!user) throw new Error("anonymous sign-up inserted no user");
  r.state.stats.anonymous_sign_ins += 1;
  sendTokens(r, await buildSession(r, user, { id: session.id, amr: [amrOf(session)] }, session.refreshToken));
}
