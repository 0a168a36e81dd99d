-- Building blocks of events and snapshots. Plain (security invoker) functions without grants to clients:
-- only the security definer game.* entry points call them, as the owner. None of them returns the answer
-- key except game.public_key, which callers use only at/after the reveal or for the host.

-- An event as broadcast on `session:<id>`: {seq, type, session_id, state, at, ...payload}. Payloads are O(1)
-- in the number of players (top-N lists at most).
create or replace function game.event(p_session public.sessions, p_type text, p_payload jsonb default '{}'::jsonb)
returns jsonb
language sql
volatile
set search_path = ''
as $$
  select jsonb_build_object('seq', p_session.seq, 'type', p_type, 'session_id', p_session.id,
                            'state', p_session.state, 'at', clock_timestamp()) || p_payload
$$;

-- The question being played, without its key and without the explanation (shown at the reveal).
create or replace function game.public_question(p_session public.sessions)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', q.id, 'index', p_session.question_index, 'count', cardinality(p_session.question_ids),
    'kind', q.kind, 'prompt', q.prompt, 'options', q.options, 'time_limit_s', q.time_limit_s,
    'points', q.points, 'image_url', q.image_url,
    'round', case when r.id is null then null
                  else jsonb_build_object('id', r.id, 'title', r.title, 'position', r.position) end)
  from public.questions q
  left join public.rounds r on r.id = q.round_id
  where q.id = p_session.question_id
$$;

-- The key in the form shown at the reveal. Every field is present; those that do not apply to the kind
-- are empty or null.
create or replace function game.public_key(p_question_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'correct_option_ids', case when q.kind in ('single', 'multi', 'true_false')
                               then to_jsonb(k.correct_option_ids) else '[]'::jsonb end,
    'accepted_answers', case when q.kind = 'typed' then to_jsonb(k.accepted_answers) else '[]'::jsonb end,
    'target', case when q.kind = 'numeric' then k.numeric_target end,
    'tolerance', case when q.kind = 'numeric' then k.numeric_tolerance end,
    'explanation', q.explanation)
  from public.questions q
  left join public.question_keys k on k.question_id = q.id
  where q.id = p_question_id
$$;

-- Players who count for "N of M": not kicked and, once a question has opened, joined before it opened
-- (a late joiner plays from the next question).
create or replace function game.eligible_count(p_session public.sessions)
returns integer
language sql
stable
set search_path = ''
as $$
  select count(*)::integer from public.participants p
  where p.session_id = p_session.id and not p.is_kicked
    and (p_session.opened_at is null or p_session.state in ('lobby', 'question') or p.joined_at <= p_session.opened_at)
$$;

-- Answers to a question from players who were not kicked.
create or replace function game.answer_count(p_session_id uuid, p_question_id uuid)
returns integer
language sql
stable
set search_path = ''
as $$
  select count(*)::integer from public.answers a
  join public.participants p on p.id = a.participant_id
  where a.question_id = p_question_id and a.session_id = p_session_id and not p.is_kicked
$$;

-- Counts for a question: answers, correct (null before scoring), mean time, and per option for the choice
-- kinds (null otherwise). Reveals which options were picked, so shown to players only after the reveal.
create or replace function game.answer_stats(p_session_id uuid, p_question_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  with counted as (
    select a.response, a.is_correct, a.elapsed_ms, a.scored_at
    from public.answers a join public.participants p on p.id = a.participant_id
    where a.question_id = p_question_id and a.session_id = p_session_id and not p.is_kicked
  )
  select jsonb_build_object(
    'answer_count', (select count(*) from counted),
    'correct_count', (select case when bool_or(c.scored_at is null) is true then null
                                  else count(*) filter (where c.is_correct) end from counted c),
    'mean_elapsed_ms', (select round(avg(c.elapsed_ms))::integer from counted c),
    'distribution', case when q.kind in ('single', 'multi', 'true_false') then (
      select jsonb_agg(jsonb_build_object(
               'option_id', o.opt ->> 'id',
               'count', (select count(*) from counted c where (c.response -> 'choices') @> to_jsonb(o.opt ->> 'id'))
             ) order by o.n)
      from jsonb_array_elements(q.options) with ordinality as o(opt, n)) end)
  from public.questions q
  where q.id = p_question_id
$$;

-- The score a viewer may see: while a closed question awaits its reveal, players and screens see the score
-- from before it (the new one would tell them whether they were right).
create or replace function game.shown_score(p_state text, p_score integer, p_previous_score integer, p_as_host boolean)
returns integer
language sql
immutable
set search_path = ''
as $$ select case when p_state = 'locked' and not p_as_host then p_previous_score else p_score end $$;

-- Top players (rank ties share a rank), as [{participant_id, nickname, team_id, score, rank}].
create or replace function game.standings(p_session public.sessions, p_limit integer, p_as_host boolean)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('participant_id', r.id, 'nickname', r.nickname,
                                               'team_id', r.team_id, 'score', r.shown, 'rank', r.rank)
                            order by r.rank, r.nickname_key), '[]'::jsonb)
  from (
    select p.id, p.nickname, p.nickname_key, p.team_id, x.shown, rank() over (order by x.shown desc) as rank
    from public.participants p
    cross join lateral (select game.shown_score(p_session.state, p.score, p.previous_score, p_as_host) as shown) x
    where p.session_id = p_session.id and not p.is_kicked
    order by x.shown desc, p.nickname_key
    limit greatest(p_limit, 0)
  ) r
$$;

-- A player's rank: 1 + the number of players with a higher shown score.
create or replace function game.rank_of(p_session public.sessions, p_participant public.participants, p_as_host boolean)
returns integer
language sql
stable
set search_path = ''
as $$
  select 1 + count(*)::integer from public.participants p
  where p.session_id = p_session.id and not p.is_kicked
    and game.shown_score(p_session.state, p.score, p.previous_score, p_as_host)
      > game.shown_score(p_session.state, p_participant.score, p_participant.previous_score, p_as_host)
$$;

-- Team standings (null when teams are off): a team's score is the mean of its players' scores, rounded
-- half up (lib/game/scoring.ts teamScore). Teams without players are listed with score 0.
create or replace function game.team_standings(p_session public.sessions, p_as_host boolean)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select case when not p_session.teams_enabled then null else coalesce((
    select jsonb_agg(jsonb_build_object('team_id', t.id, 'name', t.name, 'member_count', t.members,
                                        'score', t.score, 'rank', t.rank) order by t.rank, t.name)
    from (
      select g.*, rank() over (order by g.score desc) as rank
      from (
        select t.id, t.name, count(p.id)::integer as members,
               case when count(p.id) = 0 then 0
                    else div(2 * sum(game.shown_score(p_session.state, p.score, p.previous_score, p_as_host))
                             + count(p.id), 2 * count(p.id))::integer end as score
        from public.teams t
        left join public.participants p on p.team_id = t.id and not p.is_kicked
        where t.session_id = p_session.id
        group by t.id, t.name
      ) g
    ) t), '[]'::jsonb) end
$$;

-- A participant as the app shows it.
create or replace function game.participant_json(p public.participants)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object('id', p.id, 'session_id', p.session_id, 'nickname', p.nickname, 'team_id', p.team_id,
                            'joined_at', p.joined_at)
$$;

-- A session's public state (no key, no per-player data).
create or replace function game.session_json(s public.sessions)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', s.id, 'quiz_id', s.quiz_id, 'title', s.title, 'pin', s.pin, 'state', s.state, 'seq', s.seq,
    'question_index', s.question_index, 'question_count', cardinality(s.question_ids), 'question_id', s.question_id,
    'is_locked', s.is_locked, 'allow_late_join', s.allow_late_join, 'teams_enabled', s.teams_enabled,
    'opened_at', s.opened_at, 'deadline_at', s.deadline_at, 'paused_at', s.paused_at,
    'remaining_ms', s.remaining_ms, 'started_at', s.started_at, 'finished_at', s.finished_at)
$$;

-- Internal: no client may call these directly.
revoke execute on all functions in schema game from public;
