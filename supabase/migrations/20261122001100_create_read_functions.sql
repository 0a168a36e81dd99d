-- Reads, each shaped for who asks. Nothing a player or screen receives contains a question's key, its
-- distribution or its result (own score included) before that question's reveal.

-- Who the caller is in this session, as asked: 'host', 'player' or 'screen' (p_as null: host, else player,
-- else screen). The host may view as a screen (a projector on the host's laptop must not show the key).
create or replace function game.viewer_role(p_session public.sessions, p_player public.participants, p_as text)
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_is_host boolean := p_session.host_id = v_uid;
  v_is_player boolean := p_player.id is not null and not p_player.is_kicked;
  v_is_screen boolean := p_player.id is null or not p_player.is_kicked;
begin
  if p_as is not null and p_as not in ('host', 'player', 'screen') then
    perform game.fail('invalid_input', 'View as host, player or screen');
  end if;
  v_is_screen := v_is_screen and exists (
    select 1 from public.screens sc where sc.session_id = p_session.id and sc.user_id = v_uid);
  if (p_as is null or p_as = 'host') and v_is_host then return 'host'; end if;
  if (p_as is null or p_as = 'player') and v_is_player then return 'player'; end if;
  if (p_as is null or p_as = 'screen') and (v_is_screen or v_is_host) then return 'screen'; end if;
  if p_player.id is not null and p_player.is_kicked then
    perform game.fail('kicked', 'You were removed from this game');
  end if;
  if p_as = 'host' then
    perform game.fail('not_host', 'Only the host of this session may do that');
  end if;
  perform game.fail('not_participant', 'You are not in this game');
  return null;
end;
$$;

-- The state a caller may see right now; what a client fetches on (re)subscribe and after a seq gap.
--   all:    role, server_now, session, player_count, answer_count, question (public, once shown), teams,
--           reveal {key, stats} once the current question is revealed, leaderboard in leaderboard/finished
--   host:   also host {key, stats} for the current question at any time, and players (everyone, with
--           has_answered for the current question)
--   player: also me {participant, score, rank, streak, correct_count} and my_answer (result after the reveal)
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

-- Standings: top p_limit (1–100) players, teams (when on), and the caller's own rank when a player.
create or replace function game.leaderboard(p_session_id uuid, p_limit integer default 10)
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
  v_as_host boolean;
begin
  select * into v_session from public.sessions s where s.id = p_session_id;
  if not found then
    perform game.fail('session_not_found', 'No such session');
  end if;
  if p_limit is null or p_limit not between 1 and 100 then
    perform game.fail('invalid_input', 'limit must be between 1 and 100');
  end if;
  select * into v_player from public.participants p where p.session_id = p_session_id and p.user_id = v_uid;
  v_role := game.viewer_role(v_session, v_player, null);
  v_as_host := v_role = 'host';
  return jsonb_build_object(
    'top', game.standings(v_session, p_limit, v_as_host),
    'teams', game.team_standings(v_session, v_as_host),
    'player_count', game.eligible_count(v_session),
    'me', case when v_role = 'player' then jsonb_build_object(
      'participant_id', v_player.id, 'nickname', v_player.nickname, 'team_id', v_player.team_id,
      'score', game.shown_score(v_session.state, v_player.score, v_player.previous_score, false),
      'rank', game.rank_of(v_session, v_player, false)) end);
end;
$$;
comment on function game.leaderboard(uuid, integer) is
  'The session''s host, players and screens: top N, team standings (mean of members) and the caller''s rank.';

-- Host only: a question's full results (key, stats, every answer).
create or replace function game.question_results(p_session_id uuid, p_question_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := game.caller();
  v_session public.sessions;
begin
  select * into v_session from public.sessions s where s.id = p_session_id;
  if not found then
    perform game.fail('session_not_found', 'No such session');
  end if;
  if v_session.host_id <> v_uid then
    perform game.fail('not_host', 'Only the host of this session may do that');
  end if;
  if not p_question_id = any (v_session.question_ids) then
    perform game.fail('question_not_found', 'No such question in this session');
  end if;
  return (
    select jsonb_build_object(
      'question', jsonb_build_object('id', q.id, 'index', array_position(v_session.question_ids, q.id) - 1,
                                     'kind', q.kind, 'prompt', q.prompt, 'options', q.options,
                                     'points', q.points, 'time_limit_s', q.time_limit_s),
      'key', game.public_key(q.id),
      'stats', game.answer_stats(p_session_id, q.id),
      'answers', coalesce((
        select jsonb_agg(jsonb_build_object('participant_id', p.id, 'nickname', p.nickname, 'response', a.response,
                 'received_at', a.received_at, 'elapsed_ms', a.elapsed_ms, 'is_correct', a.is_correct,
                 'points', a.points, 'streak_bonus', a.streak_bonus) order by a.received_at)
        from public.answers a join public.participants p on p.id = a.participant_id
        where a.question_id = q.id and a.session_id = p_session_id), '[]'::jsonb))
    from public.questions q where q.id = p_question_id);
end;
$$;
comment on function game.question_results(uuid, uuid) is 'The session''s host: one question''s key, stats and answers.';

-- Host only: the report kept after the game. Per question: stats (distribution, correct count, mean time)
-- and correct_pct (of the answers given); per player: score, rank, correct count, answers.
create or replace function game.session_report(p_session_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := game.caller();
  v_session public.sessions;
begin
  select * into v_session from public.sessions s where s.id = p_session_id;
  if not found then
    perform game.fail('session_not_found', 'No such session');
  end if;
  if v_session.host_id <> v_uid then
    perform game.fail('not_host', 'Only the host of this session may do that');
  end if;
  return jsonb_build_object(
    'session', game.session_json(v_session),
    'questions', (
      select jsonb_agg(jsonb_build_object(
               'index', x.n - 1, 'id', q.id, 'kind', q.kind, 'prompt', q.prompt, 'points', q.points,
               'time_limit_s', q.time_limit_s, 'key', game.public_key(q.id), 'stats', x.stats,
               'correct_pct', case when (x.stats ->> 'answer_count')::integer > 0
                                   then round(100.0 * coalesce((x.stats ->> 'correct_count')::integer, 0)
                                              / (x.stats ->> 'answer_count')::integer, 1) end)
             order by x.n)
      from unnest(v_session.question_ids) with ordinality as u(id, n)
      cross join lateral (select game.answer_stats(p_session_id, u.id) as stats, u.n) x
      join public.questions q on q.id = u.id),
    'players', coalesce((
      select jsonb_agg(jsonb_build_object(
               'participant_id', p.id, 'nickname', p.nickname, 'team_id', p.team_id, 'score', p.score,
               'rank', case when not p.is_kicked then game.rank_of(v_session, p, true) end,
               'correct_count', p.correct_count, 'is_kicked', p.is_kicked,
               'answers', coalesce((
                 select jsonb_agg(jsonb_build_object('question_id', a.question_id, 'response', a.response,
                          'is_correct', a.is_correct, 'points', a.points, 'streak_bonus', a.streak_bonus,
                          'elapsed_ms', a.elapsed_ms) order by a.received_at)
                 from public.answers a where a.participant_id = p.id), '[]'::jsonb))
             order by p.is_kicked, p.score desc, p.nickname_key)
      from public.participants p where p.session_id = p_session_id), '[]'::jsonb),
    'teams', game.team_standings(v_session, true));
end;
$$;
comment on function game.session_report(uuid) is 'The session''s host: the final (or running) report of the game.';

revoke execute on all functions in schema game from public;
grant execute on function game.session_snapshot(uuid, text), game.leaderboard(uuid, integer),
  game.question_results(uuid, uuid), game.session_report(uuid)
  to authenticated;
