import { z } from "zod";
import { badRequest } from "./errors";

/** Input rules shared by the routes, with GoTrue's messages (internal/api/mail.go validateEmail). */

// The format check GoTrue uses (github.com/badoux/checkmail ValidateFormat).
const EMAIL_FORMAT =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** Returns the address lower-cased, as GoTrue stores it; `validation_failed` (400) otherwise. */
export function validateEmail(email: string): string {
  if (email === "") throw badRequest("validation_failed", "An email address is required");
  if (email.length > 255) throw badRequest("validation_failed", "An email address is too long");
  if (!EMAIL_FORMAT.test(email))
    throw badRequest("validation_failed", "Unable to validate email address: invalid format");
  return email.toLowerCase();
}

/** Optional string fields: auth-js sends `null` for unset ones (e.g. code_challenge). */
export const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? "");
export const metadata = z.record(z.string(), z.unknown()).nullish();

/** `data` / `user_metadata` updates: keys set to null are removed (GoTrue's UpdateUserMetaData). */
export function mergeMetadata(
  current: Record<string, unknown> | null | undefined,
  updates: Record<string, unknown>,
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(updates)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}
