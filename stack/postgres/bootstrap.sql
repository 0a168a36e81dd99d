-- What a Supabase project provides before the first migration runs: roles and their grants, the auth and
-- realtime schemas, and the functions RLS policies call. Modelled on supabase/postgres' init scripts and
-- GoTrue's and Realtime's migrations; idempotent, so it runs at every start.

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticator') then
    create role authenticator noinherit login;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'supabase_realtime_admin') then
    create role supabase_realtime_admin nologin noinherit;
  end if;
end $$;

grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to current_user;

create schema if not exists extensions;
create schema if not exists auth;
create schema if not exists realtime;


grant usage on schema public to anon, authenticated, service_role;
grant usage on schema extensions to anon, authenticated, service_role;
grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema realtime to anon, authenticated, service_role;

alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;

-- auth: the tables GoTrue keeps, with the columns the local Auth service uses (GoTrue's names and types).
create table if not exists auth.users (
  instance_id uuid,
  id uuid primary key default gen_random_uuid(),
  aud varchar(255) default 'authenticated',
  role varchar(255) default 'authenticated',
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb not null default '{}',
  raw_user_meta_data jsonb not null default '{}',
  is_super_admin boolean,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  phone text unique default null,
  phone_confirmed_at timestamptz,
  banned_until timestamptz,
  is_sso_user boolean not null default false,
  deleted_at timestamptz,
  is_anonymous boolean not null default false
);
create unique index if not exists users_email_partial_key on auth.users (lower(email))
  where email is not null and email <> '' and is_sso_user = false;

create table if not exists auth.identities (
  id uuid primary key default gen_random_uuid(),
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  email text generated always as (lower(identity_data ->> 'email')) stored,
  unique (provider_id, provider)
);
create index if not exists identities_user_id_idx on auth.identities (user_id);

create table if not exists auth.sessions (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  aal text not null default 'aal1',
  not_after timestamptz,
  refreshed_at timestamp,
  user_agent text,
  ip text
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);

create table if not exists auth.refresh_tokens (
  instance_id uuid,
  id bigserial primary key,
  token varchar(255) not null unique,
  user_id varchar(255),
  revoked boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  parent varchar(255),
  session_id uuid references auth.sessions (id) on delete cascade
);
create index if not exists refresh_tokens_session_id_idx on auth.refresh_tokens (session_id);

-- How each session was authenticated (the `amr` claim of tokens refreshed from it), and PKCE flow state
-- between a magic-link request and the code exchange.
create table if not exists auth.mfa_amr_claims (
  session_id uuid not null references auth.sessions (id) on delete cascade,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  authentication_method text not null,
  id uuid not null default gen_random_uuid() primary key,
  constraint mfa_amr_claims_session_id_authentication_method_pkey unique (session_id, authentication_method)
);

create table if not exists auth.flow_state (
  id uuid primary key,
  user_id uuid,
  auth_code text not null,
  code_challenge_method text not null,
  code_challenge text not null,
  provider_type text not null,
  provider_access_token text,
  provider_refresh_token text,
  created_at timestamptz,
  updated_at timestamptz,
  authentication_method text not null,
  auth_code_issued_at timestamptz
);
create index if not exists idx_auth_code on auth.flow_state (auth_code);
create index if not exists flow_state_created_at_idx on auth.flow_state (created_at desc);

-- GoTrue's current definitions: per-claim GUCs first (Realtime sets them), then the claims JSON
-- (PostgREST and our app set that). nullif matters: a rolled-back set_config leaves '' behind, not NULL.
create or replace function auth.uid() returns uuid language sql stable as $$
  select coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                  (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
$$;
create or replace function auth.role() returns text language sql stable as $$
  select coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
                  (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'))::text
$$;
create or replace function auth.email() returns text language sql stable as $$
  select coalesce(nullif(current_setting('request.jwt.claim.email', true), ''),
                  (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email'))::text
$$;
create or replace function auth.jwt() returns jsonb language sql stable as $$
  select coalesce(nullif(current_setting('request.jwt.claim', true), ''),
                  nullif(current_setting('request.jwt.claims', true), ''))::jsonb
$$;
grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt() to anon, authenticated, service_role;
grant select on auth.users to service_role;

-- realtime: the table whose RLS policies authorize private channels, and the topic being authorized.
create table if not exists realtime.messages (
  id uuid not null default gen_random_uuid(),
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now(),
  primary key (id, inserted_at)
);
alter table realtime.messages enable row level security;
grant select, insert, update on realtime.messages to anon, authenticated, service_role;

create or replace function realtime.topic() returns text language sql stable as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;
grant execute on function realtime.topic() to anon, authenticated, service_role;

-- The stack's Realtime authorizes private-channel joins in batches. Supabase checks each join with a probe
-- row inserted as the privileged connection, then the caller's role and JWT GUCs set and a SELECT under
-- them; this does exactly that for each request in turn, inside one statement, so a join wave of 1,000
-- channels costs a few round trips instead of 2,000 (through pglite-socket each round trip is five wire
-- messages, and that, not the policy, was most of the cost). The caller runs it in a transaction that it
-- rolls back. Invoker rights: the role switch is checked against the session user, as `set role` is;
-- 'none' switches back to it before the next probe row is inserted. Nobody else may call it.
create schema if not exists stack_realtime;
revoke all on schema stack_realtime from public;

-- The GUCs Supabase's Realtime sets before it checks a policy, all transaction-local (PGlite shares one
-- session between connections). The one place they are listed: read_policies below and the stack's writes
-- (stack/realtime/authorization.ts) both call it.
create or replace function stack_realtime.set_claims(p_topic text, p_claims jsonb)
returns void
language sql
volatile
-- No SET clause: one makes every call save and restore the GUCs (1,000 checks on PGlite: ~190 ms with
-- `set search_path`, ~165 ms without). Names are pg_catalog's, which is searched first whatever the caller's path.
as $$
  select pg_catalog.set_config('role', p_claims ->> 'role', true),
         pg_catalog.set_config('realtime.topic', p_topic, true),
         pg_catalog.set_config('request.jwt.claims', p_claims::text, true),
         pg_catalog.set_config('request.jwt.claim.sub',
           case when pg_catalog.jsonb_typeof(p_claims -> 'sub') = 'string' then p_claims ->> 'sub' else '' end, true),
         pg_catalog.set_config('request.jwt.claim.role', p_claims ->> 'role', true),
         pg_catalog.set_config('request.headers', '{}', true);
$$;
revoke all on function stack_realtime.set_claims(text, jsonb) from public;

create or replace function stack_realtime.read_policies(p_requests jsonb)
returns table (idx integer, broadcast boolean, presence boolean)
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_request jsonb;
  v_broadcast uuid;
  v_presence uuid;
  v_visible uuid[];
begin
  -- p_requests: [{topic, claims, presence}], answered in order (idx from 1).
  for v_request, idx in select r.value, r.ordinality from jsonb_array_elements(p_requests) with ordinality r loop
    v_broadcast := gen_random_uuid();
    v_presence := case when (v_request ->> 'presence')::boolean then gen_random_uuid() end;
    insert into realtime.messages (id, topic, extension)
    select probe.id, v_request ->> 'topic', probe.ext
    from (values (v_broadcast, 'broadcast'), (v_presence, 'presence')) as probe (id, ext)
    where probe.id is not null;
    perform stack_realtime.set_claims(v_request ->> 'topic', v_request -> 'claims');
    select array_agg(m.id) into v_visible from realtime.messages m where m.id in (v_broadcast, v_presence);
    perform set_config('role', 'none', true);
    broadcast := v_broadcast = any(coalesce(v_visible, '{}'));
    presence := case when v_presence is not null then v_presence = any(coalesce(v_visible, '{}')) end;
    return next;
  end loop;
end;
$$;
revoke all on function stack_realtime.read_policies(jsonb) from public;
