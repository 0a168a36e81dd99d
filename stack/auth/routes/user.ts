import { z } from "zod";
import { authenticate } from "../authenticate";
import type { AuthRequest } from "../context";
import { AuthError, badRequest, forbidden, unprocessable } from "../errors";
import { readParams, send } from "../http";
import { checkPasswordStrength, hashPassword, verifyPassword } from "../passwords";
import { deleteUserSessions } from "../sessions";
import { userJson } from "../user-json";
import { findUserByEmail, insertEmailIdentity, metadataPatch, updateUser, type UserChanges } from "../users";
import { metadata, optionalString, validateEmail } from "../validation";

/** GET /user and PUT /user (GoTrue internal/api/user.go). */

export async function getUser(r: AuthRequest): Promise<void> {
  const { claims, user } = await authenticate(r);
  const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
  if (aud !== (user.aud ?? "authenticated")) {
    throw badRequest("validation_failed", "Token audience doesn't match request audience");
  }
  send(r, 200, userJson(user));
}

const UpdateParams = z.object({
  email: optionalString,
  phone: optionalString,
  // null and absent both mean "leave the password alone"; "" is a (too short) password, as in GoTrue.
  password: z.string().nullish(),
  data: metadata,
  app_metadata: metadata,
});

export async function updateCurrentUser(r: AuthRequest): Promise<void> {
  const { user, sessionId } = await authenticate(r);
  const params = await readParams(r, UpdateParams);
  const email = params.email === "" ? "" : validateEmail(params.email);
  const password = params.password ?? null;
  if (params.phone !== "") throw badRequest("phone_provider_disabled", "Unsupported phone provider");
  if (password !== null) checkPasswordStrength(password);
  if (params.app_metadata) throw forbidden("not_admin", "Updating app_metadata requires admin privileges");
  if (user.is_anonymous && password && email === "") {
    throw unprocessable(
      "validation_failed",
      "Updating password of an anonymous user without an email or phone is not allowed",
    );
  }

  const changes: UserChanges = { userMetadata: metadataPatch(params.data) };
  const changingEmail = email !== "" && email !== user.email;
  if (changingEmail) {
    const holder = await findUserByEmail(r.state.sql, email);
    if (holder && holder.id !== user.id) {
      throw unprocessable("email_exists", "A user with this email address has already been registered");
    }
    // An anonymous user adding an email is a sign-up, confirmed at once under autoconfirm (GoTrue does the
    // same). A permanent user's address change needs a confirmation mail, which the local stack cannot send.
    if (!user.is_anonymous) {
      throw new AuthError(
        422,
        "validation_failed",
        "Changing the email address of a permanent user requires email confirmation, which the local stack does not send",
      );
    }
    Object.assign(changes, {
      email,
      confirmEmail: true,
      makePermanent: true,
      appMetadata: metadataPatch({ provider: "email", providers: ["email"] }),
    });
  }
  if (password) {
    if (await verifyPassword(password, user.encrypted_password)) {
      throw unprocessable("same_password", "New password should be different from the old password.");
    }
    changes.encryptedPassword = await hashPassword(password);
  }

  const updated = await r.state.sql
    .begin(async (tx) => {
      if (changingEmail) await insertEmailIdentity(tx, user.id, email);
      const row = await updateUser(tx, user.id, changes);
      // GoTrue signs every other session out after a password change: whoever knew the old one is out.
      if (password) await deleteUserSessions(tx, user.id, sessionId);
      return row;
    })
    .catch((error: unknown) => {
      // The address was taken between the check above and the update (unique index on lower(email)).
      if ((error as { code?: string }).code === "23505") {
        throw unprocessable("email_exists", "A user with this email address has already been registered");
      }
      throw error;
    });
  if (!updated) throw forbidden("user_not_found", "User from sub claim in JWT does not exist");
  send(r, 200, userJson(updated));
}
