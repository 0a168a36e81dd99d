/**
 * auth.users rows and their JSON form: GoTrue's `models.User` as it marshals (field names, "" for a null email
 * or phone, omitted empty timestamps, `confirmed_at` = the earlier confirmation), which is what auth-js stores
 * in the session and hands to the app.
 */

export type IdentityRow = {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Record<string, unknown>;
  provider: string;
  last_sign_in_at: string | Date | null;
  created_at: string | Date;
  updated_at: string | Date;
  email?: string | null;
};

export type UserRow = {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  phone_confirmed_at: Date | null;
  invited_at: Date | null;
  confirmation_sent_at: Date | null;
  recovery_sent_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
  banned_until: Date | null;
  deleted_at: Date | null;
  is_anonymous: boolean;
  /** Aggregated by the query (see IDENTITIES_OF_U); absent when not selected. */
  identities?: IdentityRow[] | null;
};

/** The user columns every query selects from `auth.users u`, identities included (one round trip). */
export const USER_COLUMNS = `u.id, u.aud, u.role, u.email, u.phone, u.encrypted_password, u.email_confirmed_at,
  u.phone_confirmed_at, u.invited_at, u.confirmation_sent_at, u.recovery_sent_at, u.last_sign_in_at,
  u.raw_app_meta_data, u.raw_user_meta_data, u.created_at, u.updated_at, u.banned_until, u.deleted_at,
  u.is_anonymous`;

export const IDENTITIES_OF_U = `coalesce((select json_agg(to_jsonb(i) order by i.created_at)
  from auth.identities i where i.user_id = u.id), '[]'::json) as identities`;

export type UserJson = Record<string, unknown> & { id: string };

const iso = (value: string | Date | null | undefined): string | undefined => {
  if (value === null || value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
};

function earliest(a: Date | null, b: Date | null): Date | null {
  if (a && b) return a < b ? a : b;
  return a ?? b;
}

export function identityJson(row: IdentityRow): Record<string, unknown> {
  return omitUndefined({
    identity_id: row.id,
    id: row.provider_id,
    user_id: row.user_id,
    identity_data: row.identity_data,
    provider: row.provider,
    last_sign_in_at: iso(row.last_sign_in_at),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    email: row.email ?? undefined,
  });
}

export function userJson(row: UserRow): UserJson {
  return omitUndefined({
    id: row.id,
    aud: row.aud ?? "",
    role: row.role ?? "",
    email: row.email ?? "",
    email_confirmed_at: iso(row.email_confirmed_at),
    phone: row.phone ?? "",
    phone_confirmed_at: iso(row.phone_confirmed_at),
    confirmation_sent_at: iso(row.confirmation_sent_at),
    confirmed_at: iso(earliest(row.email_confirmed_at, row.phone_confirmed_at)),
    recovery_sent_at: iso(row.recovery_sent_at),
    invited_at: iso(row.invited_at),
    last_sign_in_at: iso(row.last_sign_in_at),
    app_metadata: row.raw_app_meta_data ?? {},
    user_metadata: row.raw_user_meta_data ?? {},
    identities: (row.identities ?? []).map(identityJson),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    banned_until: iso(row.banned_until),
    deleted_at: iso(row.deleted_at),
    is_anonymous: row.is_anonymous,
  }) as UserJson;
}

export const isBanned = (row: Pick<UserRow, "banned_until">, now = Date.now()) =>
  row.banned_until !== null && row.banned_until.getTime() > now;

function omitUndefined(value: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}
