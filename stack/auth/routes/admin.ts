import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { isUuid, NIL_UUID, requireAdmin } from "../authenticate";
import type { AuthRequest } from "../context";
import { AuthError, badRequest, unprocessable } from "../errors";
import { readParams, send } from "../http";
import { hashPassword } from "../passwords";
import { deleteUserSessions, insertUser } from "../sessions";
import { userJson } from "../user-json";
import * as users from "../users";
import { metadata, optionalString, validateEmail } from "../validation";

/**
 * The admin API supabase-js' `auth.admin` calls with the service-role key (GoTrue internal/api/admin.go):
 * list, create, get, update and delete users. Tests and tooling use it; the app itself does not.
 */

const DUPLICATE_EMAIL = "A user with this email address has already been registered";

const AdminUserParams = z.object({
  id: optionalString,
  email: optionalString,
  phone: optionalString,
  password: z.string().nullish(),
  email_confirm: z.boolean().nullish(),
  user_metadata: metadata,
  app_metadata: metadata,
  role: optionalString,
  ban_duration: optionalString,
});

export async function listUsers(r: AuthRequest): Promise<void> {
  await requireAdmin(r);
  const page = positiveInt(r.url.searchParams.get("page"), 1);
  const perPage = Math.min(positiveInt(r.url.searchParams.get("per_page"), 50), 1000);
  const { users: rows, total } = await users.listUsers(r.state.sql, page, perPage);
  const last = Math.max(1, Math.ceil(total / perPage));
  const links = [];
  if (page < last) links.push(`</admin/users?page=${page + 1}&per_page=${perPage}>; rel="next"`);
  links.push(`</admin/users?page=${last}&per_page=${perPage}>; rel="last"`);
  send(
    r,
    200,
    { users: rows.map(userJson), aud: "authenticated" },
    { "x-total-count": String(total), link: links.join(", ") },
  );
}

export async function createUser(r: AuthRequest): Promise<void> {
  await requireAdmin(r);
  const params = await readParams(r, AdminUserParams);
  if (params.email === "" && params.phone === "") {
    throw badRequest("validation_failed", "Cannot create a user without either an email or phone");
  }
  if (params.phone !== "")
    throw badRequest("phone_provider_disabled", "Phone users are not supported by the local stack");
  const email = validateEmail(params.email);
  if (params.id !== "" && (!isUuid(params.id) || params.id === NIL_UUID)) {
    throw badRequest("validation_failed", "ID must conform to the uuid v4 format");
  }
  const id = params.id || randomUUID();
  // GoTrue gives a user created without a password a random one: it can sign in by magic link only.
  const password = params.password || randomBytes(32).toString("base64url");
  const created = await insertUser(
    r.state.sql,
    {
      id,
      email,
      encryptedPassword: await hashPassword(password),
      appMetadata: { provider: "email", providers: ["email"], ...(params.app_metadata ?? {}) },
      userMetadata: { ...(params.user_metadata ?? {}), ...(params.email_confirm ? { email_verified: true } : {}) },
      isAnonymous: false,
      emailConfirmed: params.email_confirm ?? false,
      identity: {
        provider: "email",
        providerId: id,
        data: { sub: id, email, email_verified: false, phone_verified: false },
      },
    },
    null,
  );
  if (!created) throw unprocessable("email_exists", DUPLICATE_EMAIL);
  const user = await applyRoleAndBan(r, id, params);
  send(r, 200, userJson(user ?? created));
}

export async function getUserById(r: AuthRequest): Promise<void> {
  await requireAdmin(r);
  send(r, 200, userJson(await loadUser(r)));
}

export async function updateUserById(r: AuthRequest): Promise<void> {
  await requireAdmin(r);
  const user = await loadUser(r);
  const params = await readParams(r, AdminUserParams);
  const changes: users.UserChanges = {
    userMetadata: users.metadataPatch(params.user_metadata),
    appMetadata: users.metadataPatch(params.app_metadata),
    confirmEmail: params.email_confirm ?? false,
  };
  if (params.email !== "") {
    const email = validateEmail(params.email);
    const holder = await users.findUserByEmail(r.state.sql, email);
    if (holder && holder.id !== user.id) throw unprocessable("email_exists", DUPLICATE_EMAIL);
    changes.email = email;
  }
  if (params.password) changes.encryptedPassword = await hashPassword(params.password);
  const updated = await users.updateUser(r.state.sql, user.id, changes);
  if (changes.email && !user.identities?.some((i) => i.provider === "email")) {
    await users.insertEmailIdentity(r.state.sql, user.id, changes.email);
  }
  const final = (await applyRoleAndBan(r, user.id, params)) ?? updated;
  if (!final) throw userNotFound();
  send(r, 200, userJson(final));
}

export async function deleteUserById(r: AuthRequest): Promise<void> {
  await requireAdmin(r);
  const user = await loadUser(r);
  const params = await readParams(r, z.object({ should_soft_delete: z.boolean().nullish() }), { emptyAllowed: true });
  if (params.should_soft_delete) await users.softDeleteUser(r.state.sql, user.id);
  else await users.deleteUser(r.state.sql, user.id);
  send(r, 200, {});
}

async function loadUser(r: AuthRequest) {
  const id = r.params[0] ?? "";
  if (!isUuid(id)) throw new AuthError(404, "validation_failed", "user_id must be an UUID");
  const user = await users.findUserById(r.state.sql, id);
  if (!user) throw userNotFound();
  return user;
}

const userNotFound = () => new AuthError(404, "user_not_found", "User not found");

/** `role` and `ban_duration` (a Go duration such as "24h", or "none"); banning also ends the user's sessions. */
async function applyRoleAndBan(r: AuthRequest, id: string, params: { role: string; ban_duration: string }) {
  if (params.role === "" && params.ban_duration === "") return undefined;
  const changes: users.UserChanges = {};
  if (params.role !== "") changes.role = params.role;
  if (params.ban_duration !== "") {
    const ms = params.ban_duration === "none" ? 0 : parseGoDuration(params.ban_duration);
    if (ms === null) throw badRequest("validation_failed", `invalid format for ban duration: ${params.ban_duration}`);
    changes.bannedUntil = ms === 0 ? null : new Date(Date.now() + ms);
  }
  const user = await users.updateUser(r.state.sql, id, changes);
  if (changes.bannedUntil) await deleteUserSessions(r.state.sql, id);
  return user;
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1e3, m: 60e3, h: 3600e3 };

/** Go's time.ParseDuration for the positive values an admin would send ("1h30m", "876000h"). */
export function parseGoDuration(text: string): number | null {
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) return null;
  let total = 0;
  for (const [, value, , unit] of text.matchAll(/(\d+(\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(value) * (UNIT_MS[unit ?? "s"] ?? 0);
  }
  return total;
}

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
