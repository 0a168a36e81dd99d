-- Scoring, server-side only, from server timestamps. Mirrored by lib/game/scoring.ts (a test compares them).
--
--   points  = round_half_up(P × credit × (1 − (t/T)/2))   with t = elapsed_ms (0 when t ≤ 500 ms; at most T,
--             so an answer in the grace after the deadline earns half), T = time limit, P = question points
--   credit  = single/true-false/typed: 1 if right else 0
--             multi: max(0, right choices − wrong choices) / number of correct options
--             numeric: max(0, tolerance − |value − target|) / tolerance
--   correct = single/true-false/typed: right; multi: every correct option and no wrong one;
--             numeric: the closest of all answers to the question (ties all win), strictly within tolerance
--   streak  = consecutive correct answers; a correct answer earns +100 × (streak before it), capped at +500;
--             a wrong or missing answer resets it; a 0-point question leaves it alone and earns no bonus.

-- answer_points and streak_bonus have no SET clause on purpose: a function with one cannot be inlined, and
-- these run once per answer inside game.score_question (whose search_path is ''). They use only operators
-- and pg_catalog functions, so the search path cannot change what they mean.
create or replace function game.answer_points(
  p_points integer, p_limit_ms integer, p_elapsed_ms integer, p_credit_num numeric, p_credit_den numeric)
returns integer
language sql
immutable
parallel safe
as $$
  -- round half up of N / D, exactly: floor((2N + D) / 2D), with N = P × credit_num × (2T − t), D = credit_den × 2T.
  select case when p_points <= 0 or p_credit_num <= 0 or p_credit_den <= 0 then 0
    else pg_catalog.div(2 * p_points * least(p_credit_num, p_credit_den)
               * (2 * p_limit_ms - case when p_elapsed_ms <= 500 then 0 else least(p_elapsed_ms, p_limit_ms) end)
             + 2 * p_limit_ms * p_credit_den,
             4 * p_limit_ms * p_credit_den)::integer
  end
$$;

create or replace function game.streak_bonus(p_streak_before integer)
returns integer
language sql
immutable
parallel safe
as $$ select least(500, 100 * greatest(p_streak_before, 0)) $$;

-- Scores every answer to the question and updates every player of the session, in ONE statement: the
-- cost is a few set-based passes, whatever the number of answers. Every join is driven by an index
-- (participants of the session → their answer by (participant_id, question_id) → the updates by primary
-- key), so a plan made on stale statistics — the tables fill up during the game, faster than autovacuum
-- analyzes them — is still O(N log N), never a nested loop over two unindexed sets.
create or replace function game.score_question(p_session_id uuid, p_question_id uuid)
returns void
language plpgsql
set search_path = ''
as $$
begin
  with question as (
    select q.id, q.kind, q.points, q.time_limit_s * 1000 as limit_ms, k.correct_option_ids as correct,
           k.numeric_target as target, k.numeric_tolerance as tolerance,
           array(select game.answer_key(x) from unnest(k.accepted_answers) x) as accepted
    from public.questions q join public.question_keys k on k.question_id = q.id
    where q.id = p_question_id
  ),
  -- Numeric estimates: the smallest distance to the target (closest wins), one row.
  closest as (
    select min(abs((a.response ->> 'value')::numeric - qn.target)) as distance
    from public.answers a cross join question qn
    where a.question_id = p_question_id and a.session_id = p_session_id and qn.kind = 'numeric'
  ),
  outcome as (
    select p.id as participant_id, a.id as answer_id, p.score, p.previous_score, p.streak,
           coalesce(g.is_correct, false) as is_correct,
           case when a.id is null then 0
                else game.answer_points(qn.points, qn.limit_ms, a.elapsed_ms, g.credit_num, g.credit_den) end as points,
           case when qn.points = 0 then p.streak when g.is_correct then p.streak + 1 else 0 end as new_streak,
           case when qn.points > 0 and g.is_correct then game.streak_bonus(p.streak) else 0 end as bonus
    from public.participants p
    cross join question qn
    cross join closest
    left join public.answers a on a.participant_id = p.id and a.question_id = p_question_id
    left join lateral (
      select
        case qn.kind
          when 'typed' then (game.answer_key(a.response ->> 'text') = any (qn.accepted))::integer::numeric
          when 'numeric' then greatest(0, qn.tolerance - d.distance)
          when 'multi' then greatest(0, ch.hits - ch.misses)::numeric
          else (ch.hits = 1 and ch.misses = 0)::integer::numeric
        end as credit_num,
        case qn.kind when 'numeric' then qn.tolerance when 'multi' then cardinality(qn.correct)::numeric
                     else 1::numeric end as credit_den,
        case qn.kind
          when 'numeric' then d.distance < qn.tolerance and d.distance = closest.distance
          when 'multi' then ch.hits = cardinality(qn.correct) and ch.misses = 0
          when 'typed' then game.answer_key(a.response ->> 'text') = any (qn.accepted)
          else ch.hits = 1 and ch.misses = 0
        end as is_correct
      from (select case when qn.kind = 'numeric'
                        then abs((a.response ->> 'value')::numeric - qn.target) end as distance) d,
           (select count(*) filter (where c = any (qn.correct)) as hits,
                   count(*) filter (where not c = any (qn.correct)) as misses
            from jsonb_array_elements_text(case when qn.kind in ('single', 'multi', 'true_false')
                                                then a.response -> 'choices' else '[]'::jsonb end) c) ch
      where a.id is not null
    ) g on true
    where p.session_id = p_session_id
  ),
  scored_answers as (
    update public.answers a
    set is_correct = o.is_correct, points = o.points, streak_bonus = o.bonus, scored_at = clock_timestamp()
    from outcome o
    where o.answer_id is not null and a.id = o.answer_id
  )
  update public.participants p
  set previous_score = o.score,
      score = o.score + o.points + o.bonus,
      streak = o.new_streak,
      correct_count = p.correct_count + o.is_correct::integer
  from outcome o
  where p.id = o.participant_id
    and (o.previous_score <> o.score or o.points + o.bonus > 0 or o.new_streak <> o.streak or o.is_correct);
end;
$$;

-- Closes answering and scores the question. Before the deadline (+ grace) only the host may close; after
-- it any player of the session may (the host's client normally does, at deadline + grace; players' clients
-- are the fallback). Idempotent: closing a closed question returns {event: null, already_closed: true}.
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
  return jsonb_build_object('already_closed', false, 'event', game.event(v_session, 'question_closed', jsonb_build_object(
    'question_id', v_session.question_id, 'answer_count', game.answer_count(p_session_id, v_session.question_id),
    'player_count', game.eligible_count(v_session))));
end;
$$;
comment on function game.close_question(uuid) is
  'The session''s host at any time; any of its players once the deadline + grace has passed: close and score.';

revoke execute on all functions in schema game from public;
grant execute on function game.close_question(uuid) to authenticated;
