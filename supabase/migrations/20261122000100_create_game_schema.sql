-- The `game` schema holds the rules of play as functions. It is not in the API's exposed schemas
-- (config.toml: api.schemas = ["public"]), so PostgREST never serves it; the app calls these functions over
-- its direct Postgres connection, as the caller (role + JWT claims in the transaction).
--
-- Errors: every rule violation is `raise exception using errcode = 'P0001', message = '<code>', detail = '<why>'`
-- where <code> is one of the closed set in lib/game/errors.ts (mapped there to an HTTP status).

create schema if not exists game;
revoke all on schema game from public;
grant usage on schema game to authenticated, service_role;

-- Raises a game rule error. Anyone may call it: it only raises.
create or replace function game.fail(p_code text, p_detail text default null)
returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception using errcode = 'P0001', message = p_code, detail = coalesce(p_detail, p_code);
end;
$$;
comment on function game.fail(text, text) is
  'Raises a game rule error: SQLSTATE P0001, message = machine code (lib/game/errors.ts), detail = human text.';

-- Network grace after a deadline: an answer received up to this long after the deadline (or after a pause)
-- is still accepted. Mirrored as ANSWER_GRACE_MS in lib/game/scoring.ts.
create or replace function game.answer_grace()
returns interval
language sql
immutable
set search_path = ''
as $$ select interval '1000 milliseconds' $$;
comment on function game.answer_grace() is 'The stated network grace after a deadline: 1000 ms. Anyone may call it.';

-- Key of the transaction-level advisory lock that orders answer writes (shared) before a close (exclusive).
create or replace function game.session_lock_key(p_session_id uuid)
returns integer
language sql
immutable
set search_path = ''
as $$ select hashtext(p_session_id::text) $$;

-- Whitespace of any kind becomes a plain space; characters that render as nothing (or reorder text) are
-- removed: zero-width, bidi controls, fillers, variation selectors, soft hyphen, C0/C1 controls. Applied to
-- names and typed answers. Mirrored by stripInvisible() in lib/game/text.ts.
create or replace function game.strip_invisible(p_text text)
returns text
language sql
immutable
parallel safe
as $$
  select pg_catalog.regexp_replace(
    pg_catalog.regexp_replace(p_text, '[\t\n\r\f\v\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]', ' ', 'g'),
    '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]',
    '', 'g')
$$;

-- The folding helpers below have no SET search_path on purpose: a function with a SET clause cannot be
-- inlined, and they run per answer when a typed question is scored. They call only pg_catalog functions,
-- by qualified name, and game.* ones, so the caller's search path cannot change their meaning.
--
-- Case and accent folding without the unaccent extension (absent from PGlite): NFKD splits accents off
-- (and maps full-width and ligature forms to plain letters), the combining marks are dropped, then a fixed
-- table folds what does not decompose. lower() is not used: its result depends on the database's locale.
-- Mirrored exactly by foldText() in lib/game/text.ts.
create or replace function game.fold_text(p_text text)
returns text
language sql
immutable
parallel safe
as $$
  select pg_catalog.translate(
    pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
      pg_catalog.regexp_replace(normalize(game.strip_invisible(p_text), nfkd), '[\u0300-\u036F]', '', 'g'),
      'ß', 'ss'), 'ẞ', 'ss'), 'Æ', 'ae'), 'æ', 'ae'), 'Œ', 'oe'), 'œ', 'oe'), 'Þ', 'th'), 'þ', 'th'),
    'ABCDEFGHIJKLMNOPQRSTUVWXYZØøŁłĐđÐðĦħıŦŧ',
    'abcdefghijklmnopqrstuvwxyzoollddddhhitt')
$$;

-- The uniqueness key of a nickname or team name: folded, whitespace runs collapsed, trimmed.
create or replace function game.name_key(p_display text)
returns text
language sql
immutable
parallel safe
as $$ select pg_catalog.btrim(pg_catalog.regexp_replace(game.fold_text(p_display), '[ \t\n\r\f\v]+', ' ', 'g'), ' ') $$;

-- A typed answer as compared with the accepted ones: folded, all whitespace removed.
create or replace function game.answer_key(p_text text)
returns text
language sql
immutable
parallel safe
as $$ select pg_catalog.regexp_replace(game.fold_text(p_text), '[ \t\n\r\f\v]+', '', 'g') $$;

-- How a name is displayed: invisible characters removed, NFC, whitespace collapsed, trimmed.
create or replace function game.display_name(p_raw text)
returns text
language sql
immutable
parallel safe
as $$
  select pg_catalog.btrim(pg_catalog.regexp_replace(normalize(game.strip_invisible(p_raw), nfc), '[ \t\n\r\f\v]+', ' ', 'g'), ' ')
$$;

-- Words no nickname or team name may contain, in "skeleton" form (see game.name_is_blocked). `contains`
-- words are matched anywhere; `word` words (short ones that hide inside innocent words) only as a whole
-- token or as the whole name. Mirrored by BLOCKED_WORDS in lib/game/nickname.ts; a test keeps them equal.
create table if not exists game.blocked_words (
  word text primary key check (word ~ '^[a-z]+$'),
  match text not null check (match in ('contains', 'word'))
);
insert into game.blocked_words (word, match) values
  ('fuck', 'contains'), ('shit', 'contains'), ('cunt', 'contains'), ('bitch', 'contains'),
  ('whore', 'contains'), ('slut', 'contains'), ('wank', 'contains'), ('twat', 'contains'),
  ('bastard', 'contains'), ('ashole', 'contains'), ('niga', 'contains'), ('fagot', 'contains'),
  ('retard', 'contains'), ('porn', 'contains'), ('penis', 'contains'), ('vagina', 'contains'),
  ('dildo', 'contains'), ('jiz', 'contains'), ('nazi', 'contains'), ('hitler', 'contains'),
  ('bolocks', 'contains'), ('belend', 'contains'), ('pusy', 'contains'), ('motherfucker', 'contains'),
  ('as', 'word'), ('arse', 'word'), ('dick', 'word'), ('cock', 'word'), ('tit', 'word'), ('tits', 'word'),
  ('cum', 'word'), ('anal', 'word'), ('anus', 'word'), ('fag', 'word'), ('niger', 'word'),
  ('kike', 'word'), ('spic', 'word'), ('chink', 'word'), ('prick', 'word'), ('pis', 'word'),
  ('rape', 'word'), ('rapist', 'word'), ('wog', 'word'), ('coon', 'word'), ('homo', 'word')
on conflict (word) do update set match = excluded.match;

-- Whether a name (given as its name_key) is blocked. Obfuscations handled: case, accents, full-width and
-- other compatibility forms, zero-width characters, leetspeak (two readings of 1/!/|), separators between
-- letters ("f.u c-k"), repeated letters ("fuuuck"). Leetspeak is read only where there are letters too, so
-- "Player 45" is not "Player as". Mirrored by isNameBlocked() in lib/game/nickname.ts.
create or replace function game.name_is_blocked(p_key text)
returns boolean
language sql
stable
set search_path = ''
as $fn$
  with readings(leet, plain) as (
    values ('01345789@$!|+', 'oieastbgasilt'), ('01345789@$!|+', 'oleastbgaslit')
  ),
  skeletons as (
    select regexp_replace(regexp_replace(translate(p_key, r.leet, r.plain), '[^a-z]', '', 'g'), '(.)\1+', '\1', 'g')
           as skeleton
    from readings r
    where p_key ~ '[a-z]'
  ),
  tokens as (
    select regexp_replace(regexp_replace(translate(raw, r.leet, r.plain), '[^a-z]', '', 'g'), '(.)\1+', '\1', 'g')
           as token
    from regexp_split_to_table(p_key, '[^a-z0-9@$!|+]+') as raw, readings r
    where raw ~ '[a-z]'
  )
  select exists (
    select 1 from game.blocked_words w, skeletons s
    where (w.match = 'contains' and strpos(s.skeleton, w.word) > 0) or (w.match = 'word' and s.skeleton = w.word)
  ) or exists (
    select 1 from game.blocked_words w join tokens t on t.token = w.word where w.match = 'word'
  )
$fn$;

-- Validates a nickname or team name and returns {display, key}; raises name_invalid or name_rejected.
create or replace function game.check_name(p_raw text)
returns table (display text, key text)
language plpgsql
stable
set search_path = ''
as $$
declare
  v_display text := game.display_name(coalesce(p_raw, ''));
  v_key text;
begin
  if char_length(v_display) < 2 or char_length(v_display) > 20 then
    perform game.fail('name_invalid', 'A name must be 2 to 20 characters long');
  end if;
  v_key := game.name_key(v_display);
  if v_key = '' then
    perform game.fail('name_invalid', 'A name must contain visible characters');
  end if;
  if game.name_is_blocked(v_key) then
    perform game.fail('name_rejected', 'That name is not allowed');
  end if;
  return query select v_display, v_key;
end;
$$;

revoke execute on all functions in schema game from public;
grant execute on function game.fail(text, text), game.answer_grace(), game.fold_text(text), game.name_key(text),
  game.answer_key(text), game.display_name(text), game.strip_invisible(text)
  to authenticated, service_role;
