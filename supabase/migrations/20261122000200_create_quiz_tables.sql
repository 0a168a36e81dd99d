-- Quizzes as their hosts write them: quizzes → rounds → questions, and the answer key in a table of its own
-- that only the owning host can read. Players never select these tables: the question being played reaches
-- them through game.session_snapshot() and the events, and the key only after the reveal.

-- Whether a question's options fit its kind: single/multi 2–6 options {id, text} with distinct ids;
-- true/false exactly the options "true" and "false"; typed and numeric none.
create or replace function game.options_are_valid(p_kind text, p_options jsonb)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select case
    when jsonb_typeof(p_options) is distinct from 'array' then false
    when p_kind in ('typed', 'numeric') then jsonb_array_length(p_options) = 0
    when p_kind in ('single', 'multi', 'true_false') then
      jsonb_array_length(p_options) between 2 and 6
      and not exists (
        select 1 from jsonb_array_elements(p_options) o
        where jsonb_typeof(o) is distinct from 'object'
           or jsonb_typeof(o -> 'id') is distinct from 'string'
           or jsonb_typeof(o -> 'text') is distinct from 'string'
           or (o ->> 'id') !~ '^[A-Za-z0-9_-]{1,40}$'
           or char_length(o ->> 'text') not between 1 and 200)
      and (select count(distinct o ->> 'id') from jsonb_array_elements(p_options) o) = jsonb_array_length(p_options)
      and (p_kind <> 'true_false' or (
        jsonb_array_length(p_options) = 2
        and (select array_agg(o ->> 'id' order by o ->> 'id') from jsonb_array_elements(p_options) o)
            = array['false', 'true']))
    else false
  end
$$;
grant execute on function game.options_are_valid(text, jsonb) to authenticated, service_role;

create table public.quizzes (
  id uuid primary key default gen_random_uuid(),
  host_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 120),
  description text check (char_length(description) <= 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index quizzes_host_id_idx on public.quizzes (host_id);
alter table public.quizzes enable row level security;

create policy "Hosts read their own quizzes" on public.quizzes
  for select to authenticated using (host_id = (select auth.uid()));
-- Anonymous sign-ins (players, screens) are `authenticated` too; only real accounts write quizzes.
create policy "Signed-in hosts create quizzes they own" on public.quizzes
  for insert to authenticated
  with check (host_id = (select auth.uid()) and (select coalesce((auth.jwt() ->> 'is_anonymous')::boolean, false)) is false);
create policy "Hosts edit their own quizzes" on public.quizzes
  for update to authenticated using (host_id = (select auth.uid())) with check (host_id = (select auth.uid()));
create policy "Hosts delete their own quizzes" on public.quizzes
  for delete to authenticated using (host_id = (select auth.uid()));

create table public.rounds (
  id uuid primary key default gen_random_uuid(),
  quiz_id uuid not null references public.quizzes (id) on delete cascade,
  position integer not null check (position >= 0),
  title text not null check (char_length(title) between 1 and 120),
  -- Deferred, so an editor can reorder in one transaction.
  constraint rounds_quiz_id_position_key unique (quiz_id, position) deferrable initially deferred,
  constraint rounds_quiz_id_id_key unique (quiz_id, id)
);
alter table public.rounds enable row level security;

create policy "Hosts read rounds of their own quizzes" on public.rounds
  for select to authenticated
  using (exists (select 1 from public.quizzes q where q.id = quiz_id and q.host_id = (select auth.uid())));
create policy "Hosts add rounds to their own quizzes" on public.rounds
  for insert to authenticated
  with check (exists (select 1 from public.quizzes q where q.id = quiz_id and q.host_id = (select auth.uid())));
create policy "Hosts edit rounds of their own quizzes" on public.rounds
  for update to authenticated
  using (exists (select 1 from public.quizzes q where q.id = quiz_id and q.host_id = (select auth.uid())))
  with check (exists (select 1 from public.quizzes q where q.id = quiz_id and q.host_id = (select auth.uid())));
create policy "Hosts delete rounds of their own quizzes" on public.rounds
  for delete to authenticated
  using (exists (select 1 from public.quizzes q where q.id = quiz_id and q.host_id = (select auth.uid())));

create table public.questions (
  id uuid primary key default gen_random_uuid(),
  quiz_id uuid not null references public.quizzes (id) on delete cascade,
  round_id uuid,
  position integer not null check (position >= 0),
  kind text not null check (kind in ('single', 'multi', 'true_false', 'typed', 'numeric')),
  prompt text not null check (char_length(prompt) between 1 and 500),
  options jsonb not null default '[]'::jsonb,
  time_limit_s integer not null default 20 check (time_limit_s between 5 and 240),
  points integer not null default 1000 check (points in (0, 1000, 2000)),
  image_url text check (image_url ~ '^https?://' and char_length(image_url) <= 2000),
  explanation text check (char_length(explanation) <= 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint questions_quiz_id_position_key unique (quiz_id, position) deferrable initially deferred,
  -- A question's round belongs to the same quiz; deleting the round ungroups the question.
  constraint questions_round_fkey foreign key (quiz_id, round_id)
    references public.rounds (quiz_id, id) on delete set null (round_id),
  constraint questions_options_valid check (game.options_are_valid(kind, options))
);
create index questions_round_id_idx on public.questions (round_id);
alter table public.questions enable row level security;

create policy "Hosts read questions of their own quizzes" on public.questions
  for select to authenticated
  using (exists (select 1 from public.quizzes q where q.id = quiz_id and q.host_id = (select auth.uid())));
create policy "Hosts add questions to their own quizzes" on public.questions
  for insert to authenticated
  with check (exists (select 1 from public.quizzes q where q.id = quiz_id and q.host_id = (select auth.uid())));
create policy "Hosts edit questions of their own quizzes" on public.questions
  for update to authenticated
  using (exists (select 1 from public.quizzes q where q.id = quiz_id and q.host_id = (select auth.uid())))
  with check (exists (select 1 from public.quizzes q where q.id = quiz_id and q.host_id = (select auth.uid())));
create policy "Hosts delete questions of their own quizzes" on public.questions
  for delete to authenticated
  using (exists (select 1 from public.quizzes q where q.id = quiz_id and q.host_id = (select auth.uid())));

-- The answer key. No policy names a player: before, during and after the game only the owning host reads it.
-- Players see a question's key only in the reveal event and in snapshots taken after the reveal.
create table public.question_keys (
  question_id uuid primary key references public.questions (id) on delete cascade,
  correct_option_ids text[] not null default '{}',
  accepted_answers text[] not null default '{}' check (cardinality(accepted_answers) <= 20),
  numeric_target numeric,
  -- Numeric estimates: full points at the target, linearly down to zero at this distance.
  numeric_tolerance numeric check (numeric_tolerance > 0),
  updated_at timestamptz not null default now()
);
alter table public.question_keys enable row level security;
revoke all on public.question_keys from anon;

create policy "Hosts read the keys of their own questions" on public.question_keys
  for select to authenticated
  using (exists (select 1 from public.questions qu join public.quizzes q on q.id = qu.quiz_id
                 where qu.id = question_id and q.host_id = (select auth.uid())));
create policy "Hosts write the keys of their own questions" on public.question_keys
  for insert to authenticated
  with check (exists (select 1 from public.questions qu join public.quizzes q on q.id = qu.quiz_id
                      where qu.id = question_id and q.host_id = (select auth.uid())));
create policy "Hosts edit the keys of their own questions" on public.question_keys
  for update to authenticated
  using (exists (select 1 from public.questions qu join public.quizzes q on q.id = qu.quiz_id
                 where qu.id = question_id and q.host_id = (select auth.uid())))
  with check (exists (select 1 from public.questions qu join public.quizzes q on q.id = qu.quiz_id
                      where qu.id = question_id and q.host_id = (select auth.uid())));
create policy "Hosts delete the keys of their own questions" on public.question_keys
  for delete to authenticated
  using (exists (select 1 from public.questions qu join public.quizzes q on q.id = qu.quiz_id
                 where qu.id = question_id and q.host_id = (select auth.uid())));

-- What is wrong with a question's key given its kind and options, or null when it is playable.
create or replace function game.key_problem(p_kind text, p_options jsonb, p_key public.question_keys)
returns text
language sql
stable
set search_path = ''
as $$
  select case
    when p_key.question_id is null then 'has no answer key'
    when p_kind in ('single', 'true_false') and cardinality(p_key.correct_option_ids) <> 1
      then 'needs exactly one correct option'
    when p_kind = 'multi' and cardinality(p_key.correct_option_ids) < 1 then 'needs at least one correct option'
    when p_kind in ('single', 'multi', 'true_false') and exists (
      select 1 from unnest(p_key.correct_option_ids) c(id)
      where not exists (select 1 from jsonb_array_elements(p_options) o where o ->> 'id' = c.id))
      then 'names a correct option that does not exist'
    when p_kind = 'typed' and coalesce((select bool_and(game.answer_key(a) <> '')
                                        from unnest(p_key.accepted_answers) a), false) is false
      then 'needs at least one non-empty accepted answer'
    when p_kind = 'numeric' and (p_key.numeric_target is null or p_key.numeric_tolerance is null)
      then 'needs a target and a tolerance'
    else null
  end
$$;
