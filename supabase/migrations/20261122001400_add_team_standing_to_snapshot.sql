-- The player's snapshot gains the standing of their own team (me.team), so a phone can show "your table is
-- 2nd of 5" at the reveal as well as at the leaderboard and the end. game.session_snapshot is redefined
-- whole (a migration never edits an earlier one); only the player's `me` object changes.

-- The standing of a player's team, as game.team_standings lists it (scores hidden as for any non-host while
-- a question awaits its reveal); null when teams are off or the player has no team.
create or replace function game.team_standing_of(p_session public.sessions, p_player public.participants)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select t.value
  from jsonb_array_elements(case when p_player.team_id is not null then game.team_standings(p_session, false) end) t
  where t.value ->> 'team_id' = p_player.team_id::text
$$;

-- The state a caller may see right now; what a client fetches on (re)subscribe and after a seq gap.
--   all:    role, server_now, session, player_count, answer_count, question (public, once shown), teams,
--           reveal {key, stats} once the current question is revealed, leaderboard in leaderboard/finished
--   host:   also host {key, stats} for the current question at any time, and players (everyone, with
--           has_answered for the current question)
--   player: also me {participant, score, rank, streak, correct_count, team} and my_answer (result after the
--           reveal); me.team is the player's team's standing {team_id, name, member_count, score, rank} when
--           teams are on and the player has a team, so the phone shows it beside their own at every stage
--   screen: also lobby (up to 200 most recent names, in the lobby)
create or replace function game.session_snapshot(p_session_id uuid, p_as text default null)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := game.caller();
  v_session public.sessions;
  v_player public.participants;
  v_role text;
  v_answer public.answers;
  v_has_question boolean;
  v_revealed boolean;
  v_result jsonb;
begin
  select * into v_session from public.sessions s where s.id = p_session_id;
  if not found then
    perform game.fail('session_not_found', 'No such session');
  end if;
  select * into v_player from public.participants p where p.session_id = p_session_id and p.user_id = v_uid;
  v_role := game.viewer_role(v_session, v_player, p_as);
  v_has_question := v_session.question_id is not null and v_session.state <> 'lobby';
  v_revealed := v_has_question and v_session.state in ('revealed', 'leaderboard', 'finished')
                and v_session.closed_at is not null;

  v_result := jsonb_build_object(
    'role', v_role,
    'server_now', clock_timestamp(),
    'session', game.session_json(v_session),
    'player_count', game.eligible_count(v_session),
    'answer_count', case when v_has_question then game.answer_count(v_session.id, v_session.question_id) end,
    'question', case when v_has_question and v_session.state <> 'finished' then game.public_question(v_session) end,
    'teams', case when v_session.teams_enabled then coalesce((
      select jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name,
               'member_count', (select count(*) from public.participants p
                                where p.team_id = t.id and not p.is_kicked)) order by t.name)
      from public.teams t where t.session_id = v_session.id), '[]'::jsonb) end,
    'reveal', case when v_revealed then jsonb_build_object(
      'question_id', v_session.question_id, 'key', game.public_key(v_session.question_id),
      'stats', game.answer_stats(v_session.id, v_session.question_id)) end,
    'leaderboard', case when v_session.state in ('leaderboard', 'finished') then jsonb_build_object(
      'top', game.standings(v_session, 10, false), 'teams', game.team_standings(v_session, false)) end);

  if v_role = 'host' then
    v_result := v_result || jsonb_build_object(
      'host', case when v_has_question then jsonb_build_object(
        'question_id', v_session.question_id, 'key', game.public_key(v_session.question_id),
        'stats', game.answer_stats(v_session.id, v_session.question_id)) end,
      'players', coalesce((
        select jsonb_agg(jsonb_build_object('id', p.id, 'nickname', p.nickname, 'team_id', p.team_id,
                 'score', p.score, 'is_kicked', p.is_kicked, 'joined_at', p.joined_at,
                 'has_answered', exists (select 1 from public.answers a
                                         where a.participant_id = p.id and a.question_id = v_session.question_id))
               order by p.joined_at)
        from public.participants p where p.session_id = v_session.id), '[]'::jsonb));
  elsif v_role = 'player' then
    select * into v_answer from public.answers a
    where a.participant_id = v_player.id and a.question_id = v_session.question_id and v_has_question;
    v_result := v_result || jsonb_build_object(
      'me', jsonb_build_object(
        'participant', game.participant_json(v_player),
        'score', game.shown_score(v_session.state, v_player.score, v_player.previous_score, false),
        'rank', game.rank_of(v_session, v_player, false),
        'team', game.team_standing_of(v_session, v_player),
        'streak', case when v_session.state = 'locked' then null else v_player.streak end,
        'correct_count', case when v_session.state = 'locked' then null else v_player.correct_count end),
      'my_answer', case when v_answer.id is not null then jsonb_build_object(
        'id', v_answer.id, 'question_id', v_answer.question_id, 'response', v_answer.response,
        'received_at', v_answer.received_at, 'elapsed_ms', v_answer.elapsed_ms,
        'is_correct', case when v_revealed then v_answer.is_correct end,
        'points', case when v_revealed then v_answer.points end,
        'streak_bonus', case when v_revealed then v_answer.streak_bonus end) end);
  else
    v_result := v_result || jsonb_build_object(
      'lobby', case when v_session.state = 'lobby' then coalesce((
        select jsonb_agg(jsonb_build_object('id', r.id, 'nickname', r.nickname, 'team_id', r.team_id)
                         order by r.joined_at)
        from (select p.id, p.nickname, p.team_id, p.joined_at from public.participants p
              where p.session_id = v_session.id and not p.is_kicked
              order by p.joined_at desc limit 200) r), '[]'::jsonb) end);
  end if;
  return v_result;
end;
$$;
comment on function game.session_snapshot(uuid, text) is
  'The session''s host, its (not kicked) players and attached screens: the state the caller may see now.';

revoke execute on all functions in schema game from public;
grant execute on function game.session_snapshot(uuid, text) to authenticated;
