-- The state machine, driven by the host:
--   lobby -start-> question -open-> answering -close-> locked -reveal-> revealed -leaderboard-> leaderboard
--   question | revealed | leaderboard -next-> question (following question)
--   any state but answering -finish-> finished; answering -pause/resume-> answering (timer frozen meanwhile)
-- (close_question lives with the scoring.) Every function here locks the session row, checks the caller is
-- its host, bumps seq and returns {event} for the app to broadcast on `session:<id>`.

create or replace function game.require_state(p_session public.sessions, variadic p_states text[])
returns void
language plpgsql
set search_path = ''
as $$
begin
  if not p_session.state = any (p_states) then
    perform game.fail('invalid_state', format('Not possible while the game is in state %s', p_session.state));
  end if;
end;
$$;

-- Shows the question at p_index (prompt and options; answering not open yet).
create or replace function game.show_question(p_session public.sessions, p_index integer)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  v_session public.sessions;
begin
  update public.sessions s
  set state = 'question', question_index = p_index, question_id = s.question_ids[p_index + 1],
      opened_at = null, timer_origin_at = null, deadline_at = null, paused_at = null, remaining_ms = null,
      closed_at = null, started_at = coalesce(s.started_at, clock_timestamp()), seq = s.seq + 1
  where s.id = p_session.id
  returning * into v_session;
  return jsonb_build_object('event', game.event(v_session, 'question_shown',
                                                jsonb_build_object('question', game.public_question(v_session))));
end;
$$;

create or replace function game.start_session(p_session_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_session public.sessions := game.hosted_session(p_session_id);
begin
  perform game.require_state(v_session, 'lobby');
  return game.show_question(v_session, 0);
end;
$$;
comment on function game.start_session(uuid) is 'The session''s host: leave the lobby and show the first question.';

create or replace function game.next_question(p_session_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_session public.sessions := game.hosted_session(p_session_id);
begin
  perform game.require_state(v_session, 'question', 'revealed', 'leaderboard');
  if v_session.question_index + 1 >= cardinality(v_session.question_ids) then
    perform game.fail('no_more_questions', 'That was the last question; finish the game');
  end if;
  return game.show_question(v_session, v_session.question_index + 1);
end;
$$;
comment on function game.next_question(uuid) is
  'The session''s host: show the next question (from question shown — skipping it —, revealed or leaderboard).';

-- Opens answering: opened_at is the database clock now; the deadline is opened_at + the time limit.
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
    'opened_at', v_session.opened_at, 'deadline_at', v_session.deadline_at, 'time_limit_ms', v_limit_ms,
    'remaining_ms', v_limit_ms, 'server_now', v_now)));
end;
$$;
comment on function game.open_question(uuid) is 'The session''s host: open answering for the shown question.';

-- Freezes the timer: remaining_ms = deadline - now, in whole milliseconds of database time.
create or replace function game.pause_question(p_session_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_session public.sessions := game.hosted_session(p_session_id);
  v_now timestamptz := clock_timestamp();
begin
  perform game.require_state(v_session, 'answering');
  if v_session.paused_at is not null then
    perform game.fail('invalid_state', 'Already paused');
  end if;
  if v_now >= v_session.deadline_at then
    perform game.fail('invalid_state', 'Time is up; close the question');
  end if;
  update public.sessions s
  set paused_at = v_now,
      remaining_ms = floor(extract(epoch from (s.deadline_at - v_now)) * 1000)::integer,
      seq = s.seq + 1
  where s.id = p_session_id
  returning * into v_session;
  return jsonb_build_object('event', game.event(v_session, 'question_paused', jsonb_build_object(
    'question_id', v_session.question_id, 'paused_at', v_session.paused_at,
    'remaining_ms', v_session.remaining_ms)));
end;
$$;
comment on function game.pause_question(uuid) is 'The session''s host: pause the answering timer.';

-- Restarts the timer with exactly the frozen remaining time: deadline = now + remaining_ms, and the timer
-- origin moves so that elapsed time excludes the pause.
create or replace function game.resume_question(p_session_id uuid)
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
  perform game.require_state(v_session, 'answering');
  if v_session.paused_at is null then
    perform game.fail('invalid_state', 'Not paused');
  end if;
  select q.time_limit_s * 1000 into v_limit_ms from public.questions q where q.id = v_session.question_id;
  update public.sessions s
  set deadline_at = v_now + s.remaining_ms * interval '1 millisecond',
      timer_origin_at = v_now - (v_limit_ms - s.remaining_ms) * interval '1 millisecond',
      paused_at = null,
      seq = s.seq + 1
  where s.id = p_session_id
  returning * into v_session;
  return jsonb_build_object('event', game.event(v_session, 'question_resumed', jsonb_build_object(
    'question_id', v_session.question_id, 'deadline_at', v_session.deadline_at,
    'remaining_ms', v_session.remaining_ms, 'server_now', v_now)));
end;
$$;
comment on function game.resume_question(uuid) is 'The session''s host: resume a paused question.';

-- Reveals the closed question: the key, explanation and distribution go to everyone in the event.
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
    'player_count', game.eligible_count(v_session))));
end;
$$;
comment on function game.reveal_question(uuid) is 'The session''s host: reveal the answer of the closed question.';

create or replace function game.show_leaderboard(p_session_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_session public.sessions := game.hosted_session(p_session_id);
begin
  perform game.require_state(v_session, 'revealed');
  update public.sessions s set state = 'leaderboard', seq = s.seq + 1 where s.id = p_session_id
  returning * into v_session;
  return jsonb_build_object('event', game.event(v_session, 'leaderboard_shown', jsonb_build_object(
    'top', game.standings(v_session, 10, false), 'teams', game.team_standings(v_session, false),
    'player_count', game.eligible_count(v_session))));
end;
$$;
comment on function game.show_leaderboard(uuid) is 'The session''s host: show the standings (top 10 and teams).';

-- Ends the game (not while answering: close the question first, so every answer is scored). Idempotent.
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
    'player_count', game.eligible_count(v_session))));
end;
$$;
comment on function game.finish_session(uuid) is 'The session''s host: end the game and show the podium.';

revoke execute on all functions in schema game from public;
grant execute on function game.start_session(uuid), game.next_question(uuid), game.open_question(uuid),
  game.pause_question(uuid), game.resume_question(uuid), game.reveal_question(uuid), game.show_leaderboard(uuid),
  game.finish_session(uuid)
  to authenticated;
