import type { Db } from "./db";
import { IDENTITIES_OF_U, USER_COLUMNS, type UserRow } from "./user-json";

/** auth.users reads and updates (sign-up with a session lives in sessions.ts: it is one statement with it). */

// Sent as text and cast in SQL: a parameter the server types as jsonb would be JSON-encoded a second time.
const json = (value: unknown) => JSON.stringify(value);

export async function findUserByEmail(sql: Db, email: string): Promise<UserRow | undefined> {
  // The predicate repeats the unique index's, so the planner uses users_email_partial_key.
  const rows = await sql<UserRow[]>`
    select ${sql.unsafe(USER_COLUMNS)}, ${sql.unsafe(IDENTITIES_OF_U)}
    from auth.users u
    where lower(u.email) = lower(${email}) and u.email is not null and u.email <> '' and u.is_sso_user = false`;
  return rows[0];
}

export async function findUserById(sql: Db, id: string): Promise<UserRow | undefined> {
  const rows = await sql<UserRow[]>`
    select ${sql.unsafe(USER_COLUMNS)}, ${sql.unsafe(IDENTITIES_OF_U)} from auth.users u where u.id = ${id}::uuid`;
  return rows[0];
}

/** A metadata patch: keys to set, and keys to remove (those sent as null). */
export type MetadataPatch = { set: Record<string, unknown>; remove: string[] };

export function metadataPatch(updates: Record<string, unknown> | null | undefined): MetadataPatch | null {
  if (!updates) return null;
  const patch: MetadataPatch = { set: {}, remove: [] };
  for (const [key, value] of Object.entries(updates)) {
    if (value === null) patch.remove.push(key);
    else patch.set[key] = value;
  }
  return patch;
}

export type UserChanges = {
  encryptedPassword?: string;
  userMetadata?: MetadataPatch | null;
  appMetadata?: MetadataPatch | null;
  email?: string;
  confirmEmail?: boolean;
  /** Turns an anonymous user into a permanent one (it got an email). */
  makePermanent?: boolean;
  role?: string;
  /** null lifts a ban. */
  bannedUntil?: Date | null;
};

/**
 * Applies `changes` in one UPDATE (metadata patches are merged in SQL, so concurrent updates of different keys
 * do not overwrite each other). Returns the updated user, or undefined when it does not exist.
 */
export async function updateUser(sql: Db, id: string, changes: UserChanges): Promise<UserRow | undefined> {
  const meta = changes.userMetadata ?? null;
  const app = changes.appMetadata ?? null;
  const banChange = changes.bannedUntil !== undefined;
  const rows = await sql<UserRow[]>`
    update auth.users u set
      encrypted_password = coalesce(${changes.encryptedPassword ?? null}::text, u.encrypted_password),
      email = coalesce(${changes.email ?? null}::text, u.email),
      email_confirmed_at = case when ${changes.confirmEmail ?? false}::boolean
        then coalesce(u.email_confirmed_at, now()) else u.email_confirmed_at end,
      is_anonymous = case when ${changes.makePermanent ?? false}::boolean then false else u.is_anonymous end,
      role = coalesce(${changes.role ?? null}::text, u.role),
      banned_until = case when ${banChange}::boolean then ${changes.bannedUntil ?? null}::timestamptz else u.banned_until end,
      raw_user_meta_data = case when ${meta !== null}::boolean
        then (coalesce(u.raw_user_meta_data, '{}'::jsonb) || ${json(meta?.set ?? {})}::text::jsonb)
          - array(select jsonb_array_elements_text(${json(meta?.remove ?? [])}::text::jsonb))
        else u.raw_user_meta_data end,
      raw_app_meta_data = case when ${app !== null}::boolean
        then (coalesce(u.raw_app_meta_data, '{}'::jsonb) || ${json(app?.set ?? {})}::text::jsonb)
          - array(select jsonb_array_elements_text(${json(app?.remove ?? [])}::text::jsonb))
        else u.raw_app_meta_data end,
      updated_at = now()
    where u.id = ${id}::uuid
    returning ${sql.unsafe(USER_COLUMNS)}, ${sql.unsafe(IDENTITIES_OF_U)}`;
  return rows[0];
}

/** Adds the email identity a user gets with its first email address (GoTrue's provider "email"). */
export async function insertEmailIdentity(sql: Db, userId: string, email: string): Promise<void> {
  const data = { sub: userId, email, email_verified: false, phone_verified: false };
  await sql`
    insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
    values (${userId}::text, ${userId}::uuid, ${json(data)}::text::jsonb, 'email', now(), now(), now())
    on conflict (provider_id, provider) do nothing`;
}

/** Hard delete; sessions, refresh tokens and identities go with the user (ON DELETE CASCADE). */
export async function deleteUser(sql: Db, id: string): Promise<boolean> {
  const rows = await sql`delete from auth.users where id = ${id}::uuid returning id`;
  return rows.length > 0;
}

/**
 * GoTrue's soft delete: the row stays (foreign keys from app tables keep working) but the user can no longer
 * sign in — its email and phone are freed, identities and sessions removed.
 */
export async function softDeleteUser(sql: Db, id: string): Promise<void> {
  await sql`
    with u as (
      update auth.users set deleted_at = now(), email = null, phone = null, encrypted_password = '',
        raw_app_meta_data = '{}'::jsonb, raw_user_meta_data = '{}'::jsonb, updated_at = now()
      where id = ${id}::uuid and deleted_at is null returning id
    ), i as (delete from auth.identities where user_id in (select id from u))
    delete from auth.sessions where user_id in (select id from u)`;
}

export async function listUsers(sql: Db, page: number, perPage: number): Promise<{ users: UserRow[]; total: number }> {
  const offset = (page - 1) * perPage;
  const [users, count] = await Promise.all([
    sql<UserRow[]>`
      select ${sql.unsafe(USER_COLUMNS)}, ${sql.unsafe(IDENTITIES_OF_U)} from auth.users u
      order by u.created_at desc, u.id limit ${perPage} offset ${offset}`,
    sql<{ total: number }[]>`select count(*)::int as total from auth.users`,
  ]);
  return { users, total: count[0]?.total ?? 0 };
}
