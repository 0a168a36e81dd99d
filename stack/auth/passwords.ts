import bcrypt from "bcryptjs";
import { badRequest, weakPassword } from "./errors";

/**
 * Password hashing and GoTrue's strength rules. bcrypt cost 10 is GoTrue's (golang.org/x/crypto/bcrypt
 * DefaultCost), and its `$2b$` hashes verify in GoTrue too, so a database moved to a real Supabase keeps its
 * users. bcryptjs' async API yields to the event loop between rounds: a sign-in never stalls a game.
 */
const COST = 10;
/** GoTrue's default `password_min_length` (and the Supabase CLI's). */
export const PASSWORD_MIN_LENGTH = 6;
/** bcrypt ignores bytes after the 72nd; GoTrue refuses longer passwords rather than truncate silently. */
const PASSWORD_MAX_BYTES = 72;

export const hashPassword = (password: string) => bcrypt.hash(password, COST);

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash || !hash.startsWith("$2")) return false;
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    return false;
  }
}

// Comparing against a real hash when the user does not exist keeps "unknown user" as slow as "wrong password",
// so response times do not reveal which emails are registered.
const DUMMY_HASH = bcrypt.hashSync("pubquiz-timing-equaliser", COST);
export const burnPasswordCheck = (password: string) => verifyPassword(password, DUMMY_HASH).then(() => false);

/** Why a password is too weak (GoTrue's reasons), or null. */
export function passwordWeakness(password: string): { message: string; reasons: string[] } | null {
  if (Buffer.byteLength(password, "utf8") < PASSWORD_MIN_LENGTH) {
    return { message: `Password should be at least ${PASSWORD_MIN_LENGTH} characters.`, reasons: ["length"] };
  }
  return null;
}

/** Throws `weak_password` (422, with reasons) or `validation_failed` (400) like GoTrue's checkPasswordStrength. */
export function checkPasswordStrength(password: string): void {
  if (Buffer.byteLength(password, "utf8") > PASSWORD_MAX_BYTES) {
    throw badRequest("validation_failed", `Password cannot be longer than ${PASSWORD_MAX_BYTES} characters`);
  }
  const weakness = passwordWeakness(password);
  if (weakness) throw weakPassword(weakness.message, weakness.reasons);
}
