-- At a reveal every phone fetches its snapshot once (its own points, streak and rank). The rank, the
-- question's statistics and the eligible player count were each computed per fetch by scanning the session
-- (O(N) per phone, O(N²) per reveal: 4,000 players took 158 s on PostgreSQL). Once a question is closed these
-- change only when a player is kicked, so they are computed once, at close (and again at a kick), and each
-- fetch reads one row.

-- Ranks by score and by previous score (what players see while a closed question awaits its reveal) among
-- the players not kicked; null for players who joined after the last close (they are ranked on the fly).
alter table public.participants add column rank integer, add column previous_rank integer;
comment on column public.participants.rank is 'Rank by score among players not kicked, as of the last close or kick.';
comment on column public.participants.previous_rank is 'Rank by previous_score, as of the last close or kick.';
-- The on-the-fly rank of players without a stored one counts the players above them through these.
create index participants_session_id_previous_score_idx on public.participants (session_id, previous_score desc);

-- A closed question's statistics and eligible player count, frozen at close (answers cannot change after it).
create table public.question_stats (
  session_id uuid not null references public.sessions (id) on delete cascade,
  question_id uuid not null,
  player_count integer not null,
  stats jsonb not null,
  computed_at timestamptz not null default clock_timestamp(),
  primary key (session_id, question_id)
);
alter table public.question_stats enable row level security;
revoke all on public.question_stats from anon, authenticated;
comment on table public.question_stats is
  'Statistics of closed questions, written by game.close_question and game.kick_participant; read through game.* only.';

-- The statistics computed from the answers (the former body of game.answer_stats).
create or replace function game.compute_answer_stats(p_session_id uuid, p_question_id uuid)
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

create or replace function game.answer_stats(p_session_id uuid, p_question_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select coalesce(
    (select s.stats from public.question_stats s where s.session_id = p_session_id and s.question_id = p_question_id),
    game.compute_answer_stats(p_session_id, p_question_id))
$$;

create or replace function game.answer_count(p_session_id uuid, p_question_id uuid)
returns integer
language sql
stable
set search_path = ''
as $$
  select coalesce(
    (select (s.stats ->> 'answer_count')::integer from public.question_stats s
     where s.session_id = p_session_id and s.question_id = p_question_id),
    (select count(*)::integer from public.answers a
     join public.participants p on p.id = a.participant_id
     where a.question_id = p_question_id and a.session_id = p_session_id and not p.is_kicked))
$$;

create or replace function game.eligible_count(p_session public.sessions)
returns integer
language sql
stable
set search_path = ''
as $$
  select coalesce(
    (select s.player_count from public.question_stats s
     where p_session.closed_at is not null and p_session.state in ('locked', 'revealed', 'leaderboard', 'finished')
       and s.session_id = p_session.id and s.question_id = p_session.question_id),
    (select count(*)::integer from public.participants p
     where p.session_id = p_session.id and not p.is_kicked
       and (p_session.opened_at is null or p_session.state in ('lobby', 'question') or p.joined_at <= p_session.opened_at)))
$$;

-- The stored rank, or for a player without one, 1 + the players above (each branch walks an index).
create or replace function game.rank_of(p_session public.sessions, p_participant public.participants, p_as_host boolean)
returns integer
language sql
stable
set search_path = ''
as $$
  select case
    when p_session.state = 'locked' and not p_as_host then coalesce(p_participant.previous_rank, (
      select 1 + count(*)::integer from public.participants p
      where p.session_id = p_session.id and not p.is_kicked and p.previous_score > p_participant.previous_score))
    else coalesce(p_participant.rank, (
      select 1 + count(*)::integer from public.participants p
      where p.session_id = p_session.id and not p.is_kicked and p.score > p_participant.score))
  end
$$;

-- Recomputes the stored ranks of a session's players (one pass), and the current question's frozen statistics
-- when it is closed. Called at close (after scoring) and when a player is kicked.
create or replace function game.refresh_session_reads(p_session public.sessions)
returns void
language plpgsql
set search_path = ''
as $$
begin
  update public.participants p
  set rank = r.rank, previous_rank = r.previous_rank
  from (
    select x.id,
           case when x.is_kicked then null else rank() over (partition by x.is_kicked order by x.score desc) end as rank,
           case when x.is_kicked then null
                else rank() over (partition by x.is_kicked order by x.previous_score desc) end as previous_rank
    from public.participants x where x.session_id = p_session.id
  ) r
  where p.id = r.id and (p.rank is distinct from r.rank or p.previous_rank is distinct from r.previous_rank);

  if p_session.closed_at is not null and p_session.question_id is not null
     and p_session.state in ('locked', 'revealed', 'leaderboard', 'finished') then
    delete from public.question_stats s where s.session_id = p_session.id and s.question_id = p_session.question_id;
    insert into public.question_stats (session_id, question_id, player_count, stats)
    values (p_session.id, p_session.question_id, game.eligible_count(p_session),
            game.compute_answer_stats(p_session.id, p_session.question_id));
  end if;
end;
$$;
revoke execute on function game.refresh_session_reads(public.sessions) from public;
revoke execute on function game.compute_answer_stats(uuid, uuid) from public;

-- close_question: as before, plus the refresh after scoring.
create or replace function game.close_question(p_session_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := game.caller();
  v_session public.sessions;
  v_player public.participants;
begin
  select * into v_session from public.sessions s where s.id = p_session_id;
  if not found then
    perform game.fail('session_not_found', 'No such session');
  end if;
  if v_session.host_id <> v_uid then
    select * into v_player from public.participants p where p.session_id = p_session_id and p.user_id = v_uid;
    if not found then
      perform game.fail('not_participant', 'You are not in this game');
    elsif v_player.is_kicked then
      perform game.fail('kicked', 'You were removed from this game');
    end if;
  end if;
  if v_session.state <> 'answering' then
    if v_session.closed_at is not null then
      return jsonb_build_object('event', null, 'already_closed', true);
    end if;
    perform game.fail('invalid_state', 'No question is open');
  end if;
  if v_session.host_id <> v_uid
     and (v_session.paused_at is not null or clock_timestamp() <= v_session.deadline_at + game.answer_grace()) then
    perform game.fail('too_early', 'Only the host can close a question before its time is up');
  end if;

  -- Wait for answers in flight (they hold this lock shared), then lock the state.
  perform pg_advisory_xact_lock(7311, game.session_lock_key(p_session_id));
  update public.sessions s
  set state = 'locked', closed_at = clock_timestamp(), paused_at = null, seq = s.seq + 1
  where s.id = p_session_id and s.state = 'answering'
  returning * into v_session;
  if not found then
    return jsonb_build_object('event', null, 'already_closed', true);
  end if;
  perform game.score_question(p_session_id, v_session.question_id);
  perform game.refresh_session_reads(v_session);
  return jsonb_build_object('already_closed', false, 'event', game.event(v_session, 'question_closed', jsonb_build_object(
    'question_id', v_session.question_id, 'answer_count', game.answer_count(p_session_id, v_session.question_id),
    'player_count', game.eligible_count(v_session))));
end;
$$;

-- kick_participant: as before, plus the refresh (ranks below the kicked player move up; counts drop).
create or replace function game.kick_participant(p_session_id uuid, p_participant_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_session public.sessions := game.hosted_session(p_session_id);
  v_player public.participants;
begin
  select * into v_player from public.participants p where p.id = p_participant_id and p.session_id = p_session_id;
  if not found then
    perform game.fail('participant_not_found', 'No such player in this game');
  end if;
  if v_player.is_kicked then
    return jsonb_build_object('event', null);
  end if;
  update public.participants p set is_kicked = true, kicked_at = clock_timestamp() where p.id = p_participant_id;
  update public.sessions s set seq = s.seq + 1 where s.id = p_session_id returning * into v_session;
  perform game.refresh_session_reads(v_session);
  return jsonb_build_object('event', game.event(v_session, 'player_kicked',
                                                jsonb_build_object('participant_id', p_participant_id)));
end;
$$;

revoke execute on all functions in schema game from public;
grant execute on function game.close_question(uuid), game.kick_participant(uuid, uuid) to authenticated;
