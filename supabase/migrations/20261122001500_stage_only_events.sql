-- Phones receive at most 4 messages per question. Two events only change what the big screen and the host
-- show — the question appearing before answers open, and the leaderboard — so they go to a second topic,
-- `session:<id>:stage`, that only the host and attached screens may join; `question_opened` carries the
-- question, so a phone needs nothing else to show it. Players thereby see gaps in `seq`; their events also
-- carry `player_seq`, which counts only the events on the players' topic, so a phone still detects a
-- missed event (and refetches its snapshot) exactly.

alter table public.sessions add column player_seq integer not null default 0;
comment on column public.sessions.player_seq is
  'Events sent on the players'' topic session:<id> so far (seq counts those on the stage topic too).';

-- Which events only the host and screens receive.
create or replace function game.is_stage_event(p_type text)
returns boolean
language sql
immutable
set search_path = ''
as $$ select p_type in ('question_shown', 'leaderboard_shown') $$;

-- Every event: seq (all events), player_seq (players' events) and its audience, which decides its topic.
create or replace function game.event(p_session public.sessions, p_type text, p_payload jsonb default '{}'::jsonb)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_player_seq integer;
begin
  if game.is_stage_event(p_type) then
    select s.player_seq into v_player_seq from public.sessions s where s.id = p_session.id;
  else
    update public.sessions s set player_seq = s.player_seq + 1 where s.id = p_session.id
    returning s.player_seq into v_player_seq;
  end if;
  return jsonb_build_object('seq', p_session.seq, 'player_seq', v_player_seq, 'type', p_type,
                            'audience', case when game.is_stage_event(p_type) then 'stage' else 'everyone' end,
                            'session_id', p_session.id, 'state', p_session.state, 'at', clock_timestamp())
         || p_payload;
end;
$$;

-- Snapshots carry player_seq, so a phone knows where its stream stands.
create or replace function game.session_json(s public.sessions)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', s.id, 'quiz_id', s.quiz_id, 'title', s.title, 'pin', s.pin, 'state', s.state, 'seq', s.seq,
    'player_seq', s.player_seq,
    'question_index', s.question_index, 'question_count', cardinality(s.question_ids), 'question_id', s.question_id,
    'is_locked', s.is_locked, 'allow_late_join', s.allow_late_join, 'teams_enabled', s.teams_enabled,
    'opened_at', s.opened_at, 'deadline_at', s.deadline_at, 'paused_at', s.paused_at,
    'remaining_ms', s.remaining_ms, 'started_at', s.started_at, 'finished_at', s.finished_at)
$$;

-- The stage topic: the host and attached screens only.
create or replace function game.can_receive(p_topic text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when p_topic ~ '^session:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      game.is_session_host(substr(p_topic, 9)::uuid)
      or game.is_session_player(substr(p_topic, 9)::uuid)
      or game.is_session_screen(substr(p_topic, 9)::uuid)
    when p_topic ~ '^session:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:stage$' then
      game.is_session_host(substr(p_topic, 9, 36)::uuid)
      or game.is_session_screen(substr(p_topic, 9, 36)::uuid)
    else false
  end
$$;
comment on function game.can_receive(text) is
  'Realtime policy helper: may the caller listen on this topic (session:<id> for members, session:<id>:stage for host and screens)?';

revoke execute on all functions in schema game from public;
grant execute on function game.can_receive(text) to authenticated;

-- open_question: as before; the event also carries the question (phones never saw question_shown).
create or replace function game.open_question(p_session_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_session public.sessions := game.hosted_session(p_session_id);
  v_now timestamptz := clock_timestamp();
  v_limit_ms integer;
begin
  perform game.require_state(v_session, 'question');
  select q.time_limit_s * 1000 into v_limit_ms from public.questions q where q.id = v_session.question_id;
  update public.sessions s
  set state = 'answering', opened_at = v_now, timer_origin_at = v_now,
      deadline_at = v_now + v_limit_ms * interval '1 millisecond', paused_at = null, remaining_ms = null,
      seq = s.seq + 1
  where s.id = p_session_id
  returning * into v_session;
  return jsonb_build_object('event', game.event(v_session, 'question_opened', jsonb_build_object(
    'question_id', v_session.question_id, 'question_index', v_session.question_index,
    'question', game.public_question(v_session),
    'opened_at', v_session.opened_at, 'deadline_at', v_session.deadline_at, 'time_limit_ms', v_limit_ms,
    'remaining_ms', v_limit_ms, 'server_now', v_now)));
end;
$$;

revoke execute on all functions in schema game from public;
grant execute on function game.open_question(uuid) to authenticated;
