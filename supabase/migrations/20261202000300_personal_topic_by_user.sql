-- A player's own topic is named by their user id: `session:<id>:user:<auth uid>`. A phone knows its user id
-- from its (anonymous) session before it has fetched anything, so it subscribes to both of its topics at once
-- and fetches its snapshot a single time, once both are live, instead of once before subscribing and again
-- after (the participant id, which named the topic before, came with that first snapshot). On a join wave of
-- 2,000 phones that is 2,000 snapshot queries fewer.

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
    when p_topic ~ '^session:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:user:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      substr(p_topic, 51, 36)::uuid = auth.uid() and game.is_session_player(substr(p_topic, 9, 36)::uuid)
    else false
  end
$$;
comment on function game.can_receive(text) is
  'Realtime policy helper: may the caller listen on this topic (session:<id> for members, session:<id>:stage for host and screens, session:<id>:user:<uid> for that user while a player of the session)?';

-- As before, plus each player's user id: the app addresses their copy to session:<id>:user:<user id>.
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
    select p.id, p.user_id, p.team_id, p.score, p.streak, p.correct_count,
           rank() over (order by p.score desc) as rank
    from public.participants p
    where p.session_id = p_session.id and not p.is_kicked
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'participant_id', p.id,
           'user_id', p.user_id,
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

revoke execute on all functions in schema game from public;
grant execute on function game.can_receive(text) to authenticated;
