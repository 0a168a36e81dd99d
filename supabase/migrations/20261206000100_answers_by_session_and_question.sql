-- A question's answers are read per session: scoring at close, the frozen statistics, the counts the host
-- sees, each player's own result at the reveal. Answers were indexed by question_id and by session_id
-- separately, and scoring joined a session's players to the question's answers by (participant_id,
-- question_id) as a plain join, which left Postgres free to hash-join the players against every answer to
-- that question from EVERY session that ever played the quiz. It did so whenever the statistics said the
-- table was small — always, during a busy game: the tables fill faster than autovacuum analyzes them. A quiz
-- played in many rooms (100 pubs on the same quiz night, or one pub reusing its quiz every week) made each
-- close cost O(all answers ever given to the question): with 100 rooms of 50 on one quiz, a close read ~1,500
-- answers to score 50 (pg_stat_statements and auto_explain on a load run: scoring 13.8 ms of a 22.7 ms close).
--
-- Now every read is bounded by the session whatever the statistics say: single-table reads name the session
-- and the question (one index below), and each player's answer is fetched by a LATERAL probe of the unique
-- (participant_id, question_id) index, which no plan can turn into a scan of other sessions' answers. (A plain
-- join that also named the session let a stale plan probe the (session_id, question_id) index once per
-- player: O(N²), 4.8 s to score 10,000 — tried and measured with autovacuum off.)

create index answers_session_id_question_id_idx on public.answers (session_id, question_id);
-- Covered by the index above (its leading column); nothing looks answers up by question alone (question_id
-- carries no foreign key: finished sessions keep answers to questions since edited away).
drop index public.answers_session_id_idx;
drop index public.answers_question_id_idx;

-- As before (20261122001000), each player's answer fetched by a lateral probe of its unique key.
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
    where a.session_id = p_session_id and a.question_id = p_question_id and qn.kind = 'numeric'
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
    left join lateral (
      select a.id, a.response, a.elapsed_ms from public.answers a
      where a.participant_id = p.id and a.question_id = p_question_id
      limit 1 -- at most one by the key anyway; the limit keeps the planner from flattening the probe into a join
    ) a on true
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
revoke execute on function game.score_question(uuid, uuid) from public;

-- As before (20261202000300), each player's answer fetched by a lateral probe of its unique key.
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
  left join lateral (
    select a.* from public.answers a
    where a.participant_id = p.id and a.question_id = p_session.question_id and p_session.state = 'revealed'
    limit 1 -- as in game.score_question: a probe, never flattened into a join
  ) a on true
$$;
revoke execute on function game.personal_results(public.sessions) from public;
