-- Personal results are pushed, not fetched. At a reveal (and at the end) every phone needs its own points,
-- streak, rank and team standing. It used to fetch its snapshot for them, so one reveal cost as many HTTP
-- requests and snapshot queries as there are players (10,000 players: ~36 s of server CPU, burying the next
-- question's answers). Now the reveal computes every player's result in one set-based query, and the app
-- sends each phone its own copy of the event on a private topic of its own, `session:<id>:player:<participant
-- id>`, in a few batched broadcast requests. A phone still receives one message per event: the reveal's
-- public copy goes to the stage topic (host and screens) only.
--
-- Audiences: 'everyone' (the session topic), 'stage' (host and screens), and 'personal': a public copy on
-- the stage topic plus one copy per player carrying `me` (and at a reveal `my_answer`). Personal events
-- count in player_seq, like everyone's, so a phone detects a missed one across its two topics.

create or replace function game.event_audience(p_type text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case when p_type in ('question_shown', 'leaderboard_shown') then 'stage'
              when p_type in ('question_revealed', 'session_finished') then 'personal'
              else 'everyone' end
$$;

create or replace function game.event(p_session public.sessions, p_type text, p_payload jsonb default '{}'::jsonb)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_audience text := game.event_audience(p_type);
  v_player_seq integer;
begin
  if v_audience = 'stage' then
    select s.player_seq into v_player_seq from public.sessions s where s.id = p_session.id;
  else
    update public.sessions s set player_seq = s.player_seq + 1 where s.id = p_session.id
    returning s.player_seq into v_player_seq;
  end if;
  return jsonb_build_object('seq', p_session.seq, 'player_seq', v_player_seq, 'type', p_type,
                            'audience', v_audience, 'session_id', p_session.id, 'state', p_session.state,
                            'at', clock_timestamp())
         || p_payload;
end;
$$;
drop function game.is_stage_event(text);

-- Who may listen: the session topic (host, players, screens), its stage topic (host, screens) and a
-- player's own topic (that player only, while not kicked).
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
    when p_topic ~ '^session:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:player:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      exists (select 1 from public.participants p
              where p.id = substr(p_topic, 53, 36)::uuid and p.session_id = substr(p_topic, 9, 36)::uuid
                and p.user_id = auth.uid() and not p.is_kicked)
    else false
  end
$$;
comment on function game.can_receive(text) is
  'Realtime policy helper: may the caller listen on this topic (session:<id> for members, session:<id>:stage for host and screens, session:<id>:player:<participant id> for that player)?';

-- Every (not kicked) player's own result now, as their snapshot would give it: `me` {score, rank, streak,
-- correct_count, team} and, once the current question is revealed, `my_answer` (null when they did not
-- answer). One pass over the session's players; ranks as game.rank_of gives them (ties share a rank).
create or replace function game.personal_results(p_session public.sessions)
returns jsonb
language sql
stable
set search_path = ''
as $$
  with teams as (
    select (t.value ->> 'team_id')::uuid as team_id, t.value as standing
    from jsonb_array_elements(coalesce(game.team_standings(p_session, false), '[]'::jsonb)) t
  ),
  players as (
    select p.id, p.team_id, p.score, p.streak, p.correct_count, rank() over (order by p.score desc) as rank
    from public.participants p
    where p.session_id = p_session.id and not p.is_kicked
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'participant_id', p.id,
           'me', jsonb_build_object('score', p.score, 'rank', p.rank, 'streak', p.streak,
                                    'correct_count', p.correct_count, 'team', t.standing),
           'my_answer', case when p_session.state = 'revealed' then
             case when a.id is not null then jsonb_build_object(
               'id', a.id, 'question_id', a.question_id, 'response', a.response, 'received_at', a.received_at,
               'elapsed_ms', a.elapsed_ms, 'is_correct', a.is_correct, 'points', a.points,
               'streak_bonus', a.streak_bonus) end
             end)), '[]'::jsonb)
  from players p
  left join teams t on t.team_id = p.team_id
  left join public.answers a on a.participant_id = p.id and a.question_id = p_session.question_id
                             and p_session.state = 'revealed'
$$;
revoke execute on function game.personal_results(public.sessions) from public;

-- reveal_question and finish_session: as before, plus `personal` for the app to send (never to the host's
-- console: the route returns the event only).
create or replace function game.reveal_question(p_session_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_session public.sessions := game.hosted_session(p_session_id);
begin
  perform game.require_state(v_session, 'locked');
  update public.sessions s set state = 'revealed', seq = s.seq + 1 where s.id = p_session_id
  returning * into v_session;
  return jsonb_build_object('event', game.event(v_session, 'question_revealed', jsonb_build_object(
    'question_id', v_session.question_id, 'key', game.public_key(v_session.question_id),
    'stats', game.answer_stats(v_session.id, v_session.question_id),
    'player_count', game.eligible_count(v_session))),
    'personal', game.personal_results(v_session));
end;
$$;
comment on function game.reveal_question(uuid) is
  'The session''s host: reveal the answer of the closed question (the event, and each player''s own result).';

create or replace function game.finish_session(p_session_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_session public.sessions := game.hosted_session(p_session_id);
begin
  if v_session.state = 'finished' then
    return jsonb_build_object('event', null);
  end if;
  perform game.require_state(v_session, 'lobby', 'question', 'locked', 'revealed', 'leaderboard');
  update public.sessions s
  set state = 'finished', finished_at = clock_timestamp(), paused_at = null, seq = s.seq + 1
  where s.id = p_session_id
  returning * into v_session;
  return jsonb_build_object('event', game.event(v_session, 'session_finished', jsonb_build_object(
    'podium', game.standings(v_session, 3, false), 'teams', game.team_standings(v_session, false),
    'player_count', game.eligible_count(v_session))),
    'personal', game.personal_results(v_session));
end;
$$;
comment on function game.finish_session(uuid) is
  'The session''s host: end the game and show the podium (the event, and each player''s final standing).';

revoke execute on all functions in schema game from public;
grant execute on function game.can_receive(text), game.reveal_question(uuid), game.finish_session(uuid)
  to authenticated;
