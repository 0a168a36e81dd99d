import { createHash, randomInt, randomUUID } from "node:crypto";
import type { AuthRequest } from "./context";
import { createFlowState, type ChallengeMethod } from "./pkce";
import { insertUser } from "./sessions";
import { findUserByEmail } from "./users";
import type { UserRow } from "./user-json";

/**
 * Magic links and email OTPs, stored as GoTrue stores them: the SHA-224 of email + 6-digit code in
 * auth.users.confirmation_token (a user whose address is not confirmed yet: type "signup") or recovery_token
 * (type "magiclink"), `pkce_`-prefixed when the PKCE flow asked for it. There is no mail server, so the link
 * and the code are logged for the developer and returned by the admin API's generate_link.
 */

/** GoTrue's MAILER_OTP_EXP default (and the CLI's `otp_expiry`). */
export const OTP_TTL_SECONDS = 3600;
const PKCE_PREFIX = "pkce_";

/** GoTrue's crypto.GenerateTokenHash. */
export const tokenHash = (email: string, otp: string) =>
  createHash("sha224")
    .update(email + otp)
    .digest("hex");

export type IssuedLink = {
  user: UserRow;
  otp: string;
  hashedToken: string;
  type: "magiclink" | "signup";
  actionLink: string;
  redirectTo: string;
};

/**
 * Finds or (when allowed) creates the user behind `email`, stores a fresh one-time token and returns the link.
 * Returns null when the user does not exist and `createUser` is false.
 */
export async function issueEmailLink(
  r: AuthRequest,
  email: string,
  options: {
    createUser: boolean;
    data: Record<string, unknown>;
    pkce: { challenge: string; method: ChallengeMethod } | null;
  },
): Promise<IssuedLink | null> {
  const { sql } = r.state;
  let user = await findUserByEmail(sql, email);
  if (!user && options.createUser) {
    const id = randomUUID();
    user =
      (await insertUser(
        sql,
        {
          id,
          email,
          encryptedPassword: null,
          appMetadata: { provider: "email", providers: ["email"] },
          userMetadata: options.data,
          isAnonymous: false,
          emailConfirmed: false,
          identity: {
            provider: "email",
            providerId: id,
            data: { ...options.data, sub: id, email, email_verified: false, phone_verified: false },
          },
        },
        null,
      )) ?? (await findUserByEmail(sql, email)); // lost a race with a concurrent sign-up of the same address
  }
  if (!user) return null;

  const otp = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const hashed = tokenHash(email, otp);
  const stored = options.pkce ? PKCE_PREFIX + hashed : hashed;
  const type = user.email_confirmed_at ? "magiclink" : "signup";
  if (type === "signup") {
    await sql`update auth.users set confirmation_token = ${stored}, confirmation_sent_at = now() where id = ${user.id}::uuid`;
  } else {
    await sql`update auth.users set recovery_token = ${stored}, recovery_sent_at = now() where id = ${user.id}::uuid`;
  }
  if (options.pkce) await createFlowState(sql, user.id, options.pkce, type === "signup" ? "email/signup" : "magiclink");

  const redirectTo = allowedRedirect(r, r.url.searchParams.get("redirect_to"));
  const link = new URL(`${r.issuer}/verify`);
  link.searchParams.set("token", stored);
  link.searchParams.set("type", type);
  link.searchParams.set("redirect_to", redirectTo);
  return { user, otp, hashedToken: hashed, type, actionLink: link.toString(), redirectTo };
}

/**
 * Consumes a one-time token in one UPDATE (so it works once, even under concurrent clicks): confirms the email
 * and clears both tokens. `hash` is what the link carries (possibly `pkce_`-prefixed) or the hash of email+OTP;
 * with `email`, only that user's tokens match. Returns the user id, or null for a wrong or expired token.
 */
export async function consumeEmailToken(r: AuthRequest, hash: string, email: string | null): Promise<string | null> {
  if (hash === "") return null;
  // An OTP typed in matches whether or not the link of the same mail was a PKCE one.
  const prefixed = hash.startsWith(PKCE_PREFIX) ? hash : PKCE_PREFIX + hash;
  const rows = await r.state.sql<{ id: string }[]>`
    update auth.users u set
      email_confirmed_at = coalesce(u.email_confirmed_at, now()),
      raw_user_meta_data = coalesce(u.raw_user_meta_data, '{}'::jsonb) || '{"email_verified": true}'::jsonb,
      confirmation_token = '', recovery_token = '', updated_at = now()
    where ((u.confirmation_token in (${hash}, ${prefixed})
            and u.confirmation_sent_at > now() - make_interval(secs => ${OTP_TTL_SECONDS}::int))
        or (u.recovery_token in (${hash}, ${prefixed})
            and u.recovery_sent_at > now() - make_interval(secs => ${OTP_TTL_SECONDS}::int)))
      and (${email}::text is null or lower(u.email) = lower(${email}::text))
    returning u.id`;
  return rows[0]?.id ?? null;
}

export const isPkceToken = (token: string) => token.startsWith(PKCE_PREFIX);

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/**
 * GoTrue only redirects to its site URL or allow-listed URLs: a link that sends tokens to any host would leak
 * them. Here: loopback hosts and the host the stack itself was reached at (the app runs beside it). Anything
 * else falls back to the site URL, the app on port 3000 of that host.
 */
export function allowedRedirect(r: AuthRequest, requested: string | null): string {
  const stackHost = new URL(r.origin).hostname;
  if (requested) {
    try {
      const url = new URL(requested);
      if (
        (url.protocol === "http:" || url.protocol === "https:") &&
        (LOOPBACK.has(url.hostname) || url.hostname === stackHost)
      ) {
        return url.toString();
      }
    } catch {
      // not a URL: use the site URL
    }
  }
  return `${new URL(r.origin).protocol}//${stackHost}:3000/`;
}
