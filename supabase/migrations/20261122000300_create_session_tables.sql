-- Live sessions and everything that happens in them. Clients only ever read these tables (and only their
-- own rows); every write goes through a game.* function, which checks the caller and the state machine.

create table public.sessions (
  id uuid primary key default gen_random_uuid(),
  quiz_id uuid not null references public.quizzes (id) on delete cascade,
  host_id uuid not null references auth.users (id) on delete cascade,
  title text not null,
  pin text not null check (pin ~ '^[0-9]{6}$'),
  state text not null default 'lobby'
    check (state in ('lobby', 'question', 'answering', 'locked', 'revealed', 'leaderboard', 'finished')),
  -- The quiz's questions in play order, frozen when the session is created.
  question_ids uuid[] not null check (cardinality(question_ids) between 1 and 500),
  question_index integer not null default -1,
  question_id uuid references public.questions (id) on delete set null,
  -- Database clock. opened_at: answering opened; timer_origin_at: opened_at moved forward by the pauses, so
  -- an answer's elapsed time is received_at - timer_origin_at; deadline_at = timer_origin_at + time limit.
  opened_at timestamptz,
  timer_origin_at timestamptz,
  deadline_at timestamptz,
  paused_at timestamptz,
  remaining_ms integer check (remaining_ms >= 0),
  closed_at timestamptz,
  is_locked boolean not null default false,
  allow_late_join boolean not null default true,
  teams_enabled boolean not null default false,
  -- Sequence number of the last broadcast event: clients detect a gap and refetch a snapshot.
  seq bigint not null default 0,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  constraint sessions_question_index_range check (question_index between -1 and cardinality(question_ids) - 1)
);
-- A PIN is unique among sessions that are not finished; finished sessions free theirs.
create unique index sessions_live_pin_key on public.sessions (pin) where state <> 'finished';
create index sessions_host_id_idx on public.sessions (host_id);
create index sessions_quiz_id_idx on public.sessions (quiz_id);
alter table public.sessions enable row level security;
revoke insert, update on public.sessions from anon, authenticated;

create policy "Hosts read their own sessions" on public.sessions
  for select to authenticated using (host_id = (select auth.uid()));
-- Deleting a finished session deletes its results (participants, answers) with it.
create policy "Hosts delete their own finished sessions" on public.sessions
  for delete to authenticated using (host_id = (select auth.uid()) and state = 'finished');
-- No insert/update policy: sessions are created and advanced by game.* functions only.

create table public.teams (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.sessions (id) on delete cascade,
  name text not null,
  name_key text not null,
  created_at timestamptz not null default now(),
  constraint teams_session_id_name_key_key unique (session_id, name_key),
  constraint teams_session_id_id_key unique (session_id, id)
);
alter table public.teams enable row level security;
revoke insert, update, delete on public.teams from anon, authenticated;

create table public.participants (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.sessions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  nickname text not null,
  nickname_key text not null,
  team_id uuid,
  score integer not null default 0,
  -- The score before the last closed question: what players and screens see until that question's reveal.
  previous_score integer not null default 0,
  streak integer not null default 0,
  correct_count integer not null default 0,
  is_kicked boolean not null default false,
  joined_at timestamptz not null default clock_timestamp(),
  kicked_at timestamptz,
  constraint participants_session_id_user_id_key unique (session_id, user_id),
  constraint participants_id_session_id_key unique (id, session_id),
  constraint participants_session_id_nickname_key_key unique (session_id, nickname_key),
  constraint participants_team_fkey foreign key (session_id, team_id)
    references public.teams (session_id, id) on delete set null (team_id)
);
create index participants_user_id_idx on public.participants (user_id);
create index participants_session_id_score_idx on public.participants (session_id, score desc);
create index participants_team_id_idx on public.participants (team_id);
alter table public.participants enable row level security;
revoke insert, update, delete on public.participants from anon, authenticated;

create table public.screens (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.sessions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  attached_at timestamptz not null default now(),
  constraint screens_session_id_user_id_key unique (session_id, user_id)
);
create index screens_user_id_idx on public.screens (user_id);
alter table public.screens enable row level security;
revoke insert, update, delete on public.screens from anon, authenticated;

-- Answers are the hot path (thousands of inserts within seconds), so their foreign keys avoid the rows every
-- answer shares: a key to sessions or questions would take a KEY SHARE lock on that one row per insert
-- (a growing multixact under concurrency). The participant key (which also pins session_id) locks only the
-- player's own row; answers go with their session through it. question_id is checked by
-- game.submit_answer (only the session's current question is accepted), not by a foreign key.
create table public.answers (
  -- Generated by the client, so a retry of the same answer is recognised and changes nothing.
  id uuid primary key,
  session_id uuid not null,
  question_id uuid not null,
  participant_id uuid not null,
  -- Canonical form: {"choices": [ids]} | {"text": "..."} | {"value": number}.
  response jsonb not null,
  received_at timestamptz not null,
  elapsed_ms integer not null check (elapsed_ms >= 0),
  -- Set when the question closes (game.close_question), in one statement for all answers.
  is_correct boolean,
  points integer,
  streak_bonus integer,
  scored_at timestamptz,
  constraint answers_participant_id_question_id_key unique (participant_id, question_id),
  constraint answers_participant_fkey foreign key (participant_id, session_id)
    references public.participants (id, session_id) on delete cascade
);
create index answers_question_id_idx on public.answers (question_id);
create index answers_session_id_idx on public.answers (session_id);
alter table public.answers enable row level security;
revoke insert, update, delete on public.answers from anon, authenticated;

-- Membership tests for policies. Security definer so that a policy on one table can ask about rows of
-- another that the caller cannot select (a player cannot select participants); each answers only about
-- the caller. Callable by authenticated users (policies run as them).
create or replace function game.is_session_host(p_session_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.sessions s where s.id = p_session_id and s.host_id = auth.uid())
$$;
comment on function game.is_session_host(uuid) is 'Policy helper, any authenticated caller: is the caller this session''s host?';

create or replace function game.is_session_player(p_session_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.participants p
                 where p.session_id = p_session_id and p.user_id = auth.uid() and not p.is_kicked)
$$;
comment on function game.is_session_player(uuid) is
  'Policy helper, any authenticated caller: is the caller a (not kicked) player of this session?';

create or replace function game.is_session_screen(p_session_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.screens sc where sc.session_id = p_session_id and sc.user_id = auth.uid())
    and not exists (select 1 from public.participants p
                    where p.session_id = p_session_id and p.user_id = auth.uid() and p.is_kicked)
$$;
comment on function game.is_session_screen(uuid) is
  'Policy helper, any authenticated caller: is the caller a screen attached to this session (and not a kicked player)?';

-- Whether the caller is the player who gave this answer and its question has been revealed (or passed).
create or replace function game.can_read_own_answer(p_participant_id uuid, p_session_id uuid, p_question_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.participants p where p.id = p_participant_id and p.user_id = auth.uid())
     and exists (select 1 from public.sessions s
                 where s.id = p_session_id
                   and (s.question_id is distinct from p_question_id or s.state in ('revealed', 'leaderboard', 'finished')))
$$;
comment on function game.can_read_own_answer(uuid, uuid, uuid) is
  'Policy helper, any authenticated caller: may the caller read this answer of theirs (its question revealed)?';

revoke execute on function game.is_session_host(uuid), game.is_session_player(uuid), game.is_session_screen(uuid),
  game.can_read_own_answer(uuid, uuid, uuid) from public;
grant execute on function game.is_session_host(uuid), game.is_session_player(uuid), game.is_session_screen(uuid),
  game.can_read_own_answer(uuid, uuid, uuid) to authenticated;

create policy "Hosts and players read their session's teams" on public.teams
  for select to authenticated
  using (game.is_session_host(session_id) or game.is_session_player(session_id) or game.is_session_screen(session_id));

-- Players do not select this table (their score would show a closed question's result before the reveal);
-- they read their own standing through game.session_snapshot().
create policy "Hosts read their session's participants" on public.participants
  for select to authenticated using (game.is_session_host(session_id));

create policy "Screens and hosts read a session's screens" on public.screens
  for select to authenticated using (user_id = (select auth.uid()) or game.is_session_host(session_id));

create policy "Hosts read their session's answers" on public.answers
  for select to authenticated using (game.is_session_host(session_id));
create policy "Players read their own answers once revealed" on public.answers
  for select to authenticated using (game.can_read_own_answer(participant_id, session_id, question_id));
