import type { Db } from "./db";
import type { AuthMethod } from "./access-token";
import { IDENTITIES_OF_U, USER_COLUMNS, type UserRow } from "./user-json";

/**
 * Sessions and refresh tokens in GoTrue's tables. Each operation on the hot paths is ONE statement (data-modifying
 * CTEs), because a join wave of 2,000 anonymous players or a reconnect storm of refreshes must not cost several
 * round trips each: sign-up + session + amr + refresh token, or rotate + touch session + read user.
 */

/** GoTrue writes the nil UUID as instance_id. */
export const INSTANCE_ID = "00000000-0000-0000-0000-000000000000";

export type NewSession = {
  id: string;
  method: AuthMethod;
  refreshToken: string;
  ip: string;
  userAgent: string | null;
  createdAt: Date;
};
export type AmrRow = { method: string; at: string };
export type UserWithAmr = UserRow & { amr: AmrRow[] | null };

export type NewUser = {
  id: string;
  email: string | null;
  encryptedPassword: string | null;
  appMetadata: Record<string, unknown>;
  userMetadata: Record<string, unknown>;
  isAnonymous: boolean;
  emailConfirmed: boolean;
  /** The email identity; none for anonymous users. */
  identity: { provider: string; providerId: string; data: Record<string, unknown> } | null;
};

// Sent as text and cast in SQL: a parameter the server types as jsonb would be JSON-encoded a second time.
const json = (value: unknown) => JSON.stringify(value);

/**
 * Inserts the user, its identity and (unless `session` is null) a signed-in session, in one statement. Returns
 * undefined when the email is already registered (case-insensitively: the unique index is on lower(email)).
 */
export async function insertUser(sql: Db, user: NewUser, session: NewSession | null): Promise<UserRow | undefined> {
  const identity = user.identity;
  const rows = await sql<UserRow[]>`
    with u as (
      insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, last_sign_in_at,
        raw_app_meta_data, raw_user_meta_data, is_anonymous, created_at, updated_at)
      values (${INSTANCE_ID}::uuid, ${user.id}::uuid, 'authenticated', 'authenticated', ${user.email}::text,
        ${user.encryptedPassword}::text, case when ${user.emailConfirmed}::boolean then now() end,
        case when ${session !== null}::boolean then now() end,
        ${json(user.appMetadata)}::text::jsonb, ${json(user.userMetadata)}::text::jsonb, ${user.isAnonymous}::boolean, now(), now())
      on conflict (lower(email)) where email is not null and email <> '' and is_sso_user = false do nothing
      returning *
    ), i as (
      insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
      select ${identity?.providerId ?? null}::text, u.id, ${json(identity?.data ?? {})}::text::jsonb, ${identity?.provider ?? null}::text,
        now(), now(), now()
      from u where ${identity !== null}::boolean
      returning *
    ), s as (
      insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
      select ${session?.id ?? null}::uuid, u.id, now(), now(), 'aal1', ${session?.userAgent ?? null}::text, ${session?.ip ?? null}::text
      from u where ${session !== null}::boolean
      returning id
    ), a as (
      insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method)
      select s.id, ${session?.createdAt ?? null}::timestamptz, now(), ${session?.method ?? null}::text from s
    ), t as (
      insert into auth.refresh_tokens (instance_id, token, user_id, revoked, parent, session_id, created_at, updated_at)
      select ${INSTANCE_ID}::uuid, ${session?.refreshToken ?? null}::text, u.id::text, false, null, s.id, now(), now()
      from u, s
    )
    select ${sql.unsafe(USER_COLUMNS)},
      coalesce((select json_agg(to_jsonb(i)) from i), '[]'::json) as identities
    from u`;
  return rows[0];
}

/**
 * Signs an existing user in: new session + amr + refresh token, `last_sign_in_at` stamped. `confirmEmail` also
 * confirms the address and consumes the one-time tokens (magic-link / OTP verification).
 */
export async function insertSession(
  sql: Db,
  userId: string,
  session: NewSession,
  options: { confirmEmail?: boolean } = {},
): Promise<UserRow | undefined> {
  const confirm = options.confirmEmail ?? false;
  const rows = await sql<UserRow[]>`
    with u as (
      update auth.users set last_sign_in_at = now(),
        email_confirmed_at = case when ${confirm}::boolean then coalesce(email_confirmed_at, now()) else email_confirmed_at end,
        confirmation_token = case when ${confirm}::boolean then '' else confirmation_token end,
        recovery_token = case when ${confirm}::boolean then '' else recovery_token end,
        raw_user_meta_data = case when ${confirm}::boolean
          then coalesce(raw_user_meta_data, '{}'::jsonb) || '{"email_verified": true}'::jsonb else raw_user_meta_data end,
        updated_at = case when ${confirm}::boolean then now() else updated_at end
      where id = ${userId}::uuid
      returning *
    ), s as (
      insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
      select ${session.id}::uuid, u.id, now(), now(), 'aal1', ${session.userAgent}::text, ${session.ip}::text from u
      returning id
    ), a as (
      insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method)
      select s.id, ${session.createdAt}::timestamptz, now(), ${session.method}::text from s
    ), t as (
      insert into auth.refresh_tokens (instance_id, token, user_id, revoked, parent, session_id, created_at, updated_at)
      select ${INSTANCE_ID}::uuid, ${session.refreshToken}::text, u.id::text, false, null, s.id, now(), now() from u, s
    )
    select ${sql.unsafe(USER_COLUMNS)}, ${sql.unsafe(IDENTITIES_OF_U)} from u`;
  return rows[0];
}

const AMR_OF_SESSION = (sessionExpr: string) => `(select json_agg(json_build_object('method', c.authentication_method,
  'at', c.created_at)) from auth.mfa_amr_claims c where c.session_id = ${sessionExpr}) as amr`;

/**
 * The normal refresh: revokes `token` and issues its child in the same session, in one statement. Only an
 * unrevoked token of an unbanned user rotates; anything else returns undefined and goes to `inspectRefreshToken`.
 * Two concurrent refreshes of one token serialize on its row lock; the loser sees it revoked.
 */
export async function rotateRefreshToken(
  sql: Db,
  token: string,
  child: string,
  client: { ip: string; userAgent: string | null },
): Promise<(UserWithAmr & { session_id: string }) | undefined> {
  const rows = await sql<(UserWithAmr & { session_id: string })[]>`
    with old as (
      update auth.refresh_tokens t set revoked = true, updated_at = now()
      where t.token = ${token} and not t.revoked and t.session_id is not null
        and not exists (select 1 from auth.users b where b.id::text = t.user_id and b.banned_until > now())
      returning t.token, t.user_id, t.session_id
    ), child as (
      insert into auth.refresh_tokens (instance_id, token, user_id, revoked, parent, session_id, created_at, updated_at)
      select ${INSTANCE_ID}::uuid, ${child}::text, old.user_id, false, old.token, old.session_id, now(), now() from old
    ), s as (
      update auth.sessions s set refreshed_at = timezone('utc', now()), updated_at = now(),
        user_agent = ${client.userAgent}::text, ip = ${client.ip}::text
      from old where s.id = old.session_id
      returning s.id
    )
    select ${sql.unsafe(USER_COLUMNS)}, ${sql.unsafe(IDENTITIES_OF_U)}, old.session_id,
      ${sql.unsafe(AMR_OF_SESSION("old.session_id"))}
    from old join auth.users u on u.id::text = old.user_id`;
  return rows[0];
}

export type RefreshTokenState = UserWithAmr & {
  token_revoked: boolean;
  /** Revoked (rotated) no longer ago than the reuse interval, by the database's clock. */
  within_reuse_interval: boolean;
  token_session_id: string | null;
  /** The session's newest unrevoked token: what a client that lost the last refresh response should get. */
  active_token: string | null;
};

/** Why a token did not rotate: unknown, revoked (and what is active now), banned user. One statement. */
export async function inspectRefreshToken(
  sql: Db,
  token: string,
  reuseIntervalSeconds: number,
): Promise<RefreshTokenState | undefined> {
  const rows = await sql<RefreshTokenState[]>`
    select t.revoked as token_revoked, t.session_id as token_session_id,
      (now() - t.updated_at) <= make_interval(secs => ${reuseIntervalSeconds}::int) as within_reuse_interval,
      (select c.token from auth.refresh_tokens c where c.session_id = t.session_id and not c.revoked
        order by c.id desc limit 1) as active_token,
      ${sql.unsafe(USER_COLUMNS)}, ${sql.unsafe(IDENTITIES_OF_U)}, ${sql.unsafe(AMR_OF_SESSION("t.session_id"))}
    from auth.refresh_tokens t left join auth.users u on u.id::text = t.user_id
    where t.token = ${token}`;
  return rows[0];
}

/** Ends one session; its refresh tokens and amr rows go with it (ON DELETE CASCADE). */
export async function deleteSession(sql: Db, sessionId: string): Promise<void> {
  await sql`delete from auth.sessions where id = ${sessionId}::uuid`;
}

/** Ends every session of a user, or every one but `keep`. */
export async function deleteUserSessions(sql: Db, userId: string, keep: string | null = null): Promise<void> {
  await sql`delete from auth.sessions where user_id = ${userId}::uuid
    and (${keep}::uuid is null or id <> ${keep}::uuid)`;
}
