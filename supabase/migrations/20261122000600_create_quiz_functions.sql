-- Writing a quiz in one call, and starting a session of it.

-- Writes the rounds, questions and keys of p_quiz into an (empty) quiz, checking each key against its
-- question. Shared by game.create_quiz and game.save_quiz; security INVOKER, so every insert runs under the
-- caller's RLS (only the quiz's own host can write into it). Errors propagate to the caller, which maps them.
create or replace function game.write_quiz_content(p_quiz_id uuid, p_quiz jsonb)
returns void
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_round_ids uuid[] := '{}'::uuid[];
  v_round jsonb;
  v_question jsonb;
  v_question_id uuid;
  v_position integer := 0;
  v_problem text;
begin
  -- Called directly it must not change a quiz that a live session is reading.
  if exists (select 1 from public.sessions s where s.quiz_id = p_quiz_id and s.state <> 'finished') then
    perform game.fail('invalid_state', 'A session of this quiz is running; end it before editing');
  end if;
  for v_round in select value from jsonb_array_elements(coalesce(p_quiz -> 'rounds', '[]'::jsonb)) loop
    insert into public.rounds (quiz_id, position, title)
    values (p_quiz_id, cardinality(v_round_ids), v_round ->> 'title')
    returning array_append(v_round_ids, id) into v_round_ids;
  end loop;

  for v_question in select value from jsonb_array_elements(p_quiz -> 'questions') loop
    insert into public.questions (quiz_id, round_id, position, kind, prompt, options, time_limit_s, points,
                                  image_url, explanation)
    values (
      p_quiz_id,
      case when v_question ? 'round' then v_round_ids[(v_question ->> 'round')::integer + 1] end,
      v_position,
      v_question ->> 'kind',
      v_question ->> 'prompt',
      case when v_question ->> 'kind' = 'true_false' and not v_question ? 'options'
           then '[{"id": "true", "text": "True"}, {"id": "false", "text": "False"}]'::jsonb
           else coalesce(v_question -> 'options', '[]'::jsonb) end,
      coalesce((v_question ->> 'time_limit_s')::integer, 20),
      coalesce((v_question ->> 'points')::integer, 1000),
      v_question ->> 'image_url',
      v_question ->> 'explanation')
    returning id into v_question_id;

    insert into public.question_keys (question_id, correct_option_ids, accepted_answers, numeric_target,
                                      numeric_tolerance)
    values (
      v_question_id,
      coalesce(array(select jsonb_array_elements_text(v_question -> 'key' -> 'correct_option_ids')), '{}'),
      coalesce(array(select jsonb_array_elements_text(v_question -> 'key' -> 'accepted_answers')), '{}'),
      (v_question -> 'key' ->> 'target')::numeric,
      (v_question -> 'key' ->> 'tolerance')::numeric);

    select game.key_problem(q.kind, q.options, k) into v_problem
    from public.questions q join public.question_keys k on k.question_id = q.id
    where q.id = v_question_id;
    if v_problem is not null then
      perform game.fail('quiz_invalid', format('Question %s %s', v_position + 1, v_problem));
    end if;
    v_position := v_position + 1;
  end loop;
end;
$$;
comment on function game.write_quiz_content(uuid, jsonb) is
  'Internal to game.create_quiz and game.save_quiz (security invoker: RLS limits it to the caller''s own quizzes).';
revoke execute on function game.write_quiz_content(uuid, jsonb) from public;
grant execute on function game.write_quiz_content(uuid, jsonb) to authenticated;

-- Creates a quiz with its rounds, questions and keys in one transaction. Security INVOKER: the inserts
-- run under the caller's RLS, so only a signed-in (non-anonymous) user can create, and only for themself.
-- Input: {title, description?, rounds?: [{title}], questions: [{kind, prompt, options?, time_limit_s?,
-- points?, image_url?, explanation?, round?: <index into rounds>, key: {correct_option_ids?,
-- accepted_answers?, target?, tolerance?}}]}. Returns the quiz id.
create or replace function game.create_quiz(p_quiz jsonb)
returns uuid
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_quiz_id uuid;
begin
  if auth.uid() is null then
    perform game.fail('not_authenticated', 'Sign in first');
  end if;
  if coalesce((auth.jwt() ->> 'is_anonymous')::boolean, false) then
    perform game.fail('not_host', 'Sign in with an account to write quizzes');
  end if;
  if jsonb_typeof(p_quiz -> 'questions') is distinct from 'array' then
    perform game.fail('quiz_invalid', 'questions must be an array');
  end if;
  begin
    insert into public.quizzes (host_id, title, description)
    values (auth.uid(), p_quiz ->> 'title', p_quiz ->> 'description')
    returning id into v_quiz_id;

    perform game.write_quiz_content(v_quiz_id, p_quiz);
  exception
    when check_violation or not_null_violation or invalid_text_representation or numeric_value_out_of_range
      or foreign_key_violation then
      perform game.fail('quiz_invalid', sqlerrm);
    when insufficient_privilege then
      perform game.fail('not_host', sqlerrm);
  end;
  return v_quiz_id;
end;
$$;
comment on function game.create_quiz(jsonb) is
  'Signed-in hosts: create a quiz with rounds, questions and keys. Security invoker: RLS applies to every insert.';

-- Starts a session of one of the caller's quizzes: freezes the question order, checks every question is
-- playable, and draws a PIN unique among live sessions. No event (nobody is listening yet).
create or replace function game.create_session(
  p_quiz_id uuid, p_teams_enabled boolean default false, p_allow_late_join boolean default true)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_quiz public.quizzes;
  v_ids uuid[];
  v_problem text;
  v_session public.sessions;
begin
  if v_uid is null then
    perform game.fail('not_authenticated', 'Sign in first');
  end if;
  if coalesce((auth.jwt() ->> 'is_anonymous')::boolean, false) then
    perform game.fail('not_host', 'Sign in with an account to host');
  end if;
  select * into v_quiz from public.quizzes q where q.id = p_quiz_id and q.host_id = v_uid;
  if not found then
    perform game.fail('quiz_not_found', 'No such quiz of yours');
  end if;
  select array_agg(q.id order by q.position) into v_ids from public.questions q where q.quiz_id = p_quiz_id;
  if v_ids is null then
    perform game.fail('quiz_invalid', 'The quiz has no questions');
  end if;
  select format('Question %s %s', x.n, x.problem) into v_problem
  from (
    select row_number() over (order by q.position) as n, game.key_problem(q.kind, q.options, k) as problem
    from public.questions q left join public.question_keys k on k.question_id = q.id
    where q.quiz_id = p_quiz_id
  ) x
  where x.problem is not null
  order by x.n
  limit 1;
  if v_problem is not null then
    perform game.fail('quiz_invalid', v_problem);
  end if;

  for attempt in 1..50 loop
    insert into public.sessions (quiz_id, host_id, title, pin, question_ids, teams_enabled, allow_late_join)
    values (p_quiz_id, v_uid, v_quiz.title, (100000 + floor(random() * 900000))::integer::text, v_ids,
            coalesce(p_teams_enabled, false), coalesce(p_allow_late_join, true))
    on conflict (pin) where state <> 'finished' do nothing
    returning * into v_session;
    exit when found;
  end loop;
  if v_session.id is null then
    perform game.fail('pin_unavailable', 'Could not draw a free PIN; try again');
  end if;
  return jsonb_build_object('session', game.session_json(v_session), 'event', null);
end;
$$;
comment on function game.create_session(uuid, boolean, boolean) is
  'Signed-in hosts, for their own quiz: create a session (state lobby) with a fresh 6-digit PIN.';

revoke execute on all functions in schema game from public;
grant execute on function game.create_quiz(jsonb), game.create_session(uuid, boolean, boolean) to authenticated;
-- create_quiz runs as the caller and uses these two helpers.
grant execute on function game.key_problem(text, jsonb, public.question_keys) to authenticated;
