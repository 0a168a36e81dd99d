-- Group commit for answers. A room answering at once sends thousands of answers a second; one statement
-- (and one commit) each made the statement's fixed costs — parse, plan, executor start, commit, one network
-- round trip and a client-side query — most of an answer's cost. game.submit_answers takes the answers that
-- reached one app instance together and runs each under its own caller's claims, in one statement.
--
-- The rules are unchanged and still live in one place: game.try_submit_answer is the former body of
-- game.submit_answer, returning a refusal ({error, message}) instead of raising it, so one refused answer
-- does not undo the others and no subtransaction is needed per answer (more than 64 in one transaction
-- would slow every other backend's snapshots). game.submit_answer raises the refusal as before.

create or replace function game.answer_refusal(p_code text, p_message text)
returns jsonb
language sql
immutable
set search_path = ''
as $$ select jsonb_build_object('error', p_code, 'message', p_message) $$;

-- game.canonical_response without raising: {"response": canonical} or a refusal (invalid_response).
create or replace function game.try_canonical_response(p_kind text, p_options jsonb, p_response jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_check record;
  v_text text;
  v_value numeric;
begin
  if p_kind in ('single', 'true_false') then
    -- The common case, checked without a query: exactly one choice, naming an option.
    if jsonb_typeof(p_response -> 'choices') is distinct from 'array'
       or jsonb_array_length(p_response -> 'choices') <> 1
       or jsonb_typeof(p_response -> 'choices' -> 0) is distinct from 'string'
       or not p_options @> jsonb_build_array(jsonb_build_object('id', p_response -> 'choices' -> 0)) then
      return game.answer_refusal('invalid_response', 'Expected {"choices": [one option id]}');
    end if;
    return jsonb_build_object('response', jsonb_build_object('choices', p_response -> 'choices'));
  elsif p_kind = 'multi' then
    if jsonb_typeof(p_response -> 'choices') is distinct from 'array' then
      return game.answer_refusal('invalid_response', 'Expected {"choices": [option ids]}');
    end if;
    -- One pass: the distinct sorted choices, and whether each is a string naming an option.
    select array_agg(distinct c #>> '{}' order by c #>> '{}') as choices, count(*) as given,
           bool_and(jsonb_typeof(c) = 'string' and p_options @> jsonb_build_array(jsonb_build_object('id', c))) as known
    into v_check
    from jsonb_array_elements(p_response -> 'choices') c;
    if v_check.given = 0 or v_check.known is not true or cardinality(v_check.choices) <> v_check.given then
      return game.answer_refusal('invalid_response', 'The choices do not match the options of this question');
    end if;
    return jsonb_build_object('response', jsonb_build_object('choices', to_jsonb(v_check.choices)));
  elsif p_kind = 'typed' then
    if jsonb_typeof(p_response -> 'text') is distinct from 'string' then
      return game.answer_refusal('invalid_response', 'Expected {"text": "…"}');
    end if;
    v_text := btrim(game.strip_invisible(p_response ->> 'text'));
    if char_length(v_text) not between 1 and 200 then
      return game.answer_refusal('invalid_response', 'An answer is 1 to 200 characters long');
    end if;
    return jsonb_build_object('response', jsonb_build_object('text', v_text));
  elsif p_kind = 'numeric' then
    if jsonb_typeof(p_response -> 'value') is distinct from 'number' then
      return game.answer_refusal('invalid_response', 'Expected {"value": number}');
    end if;
    v_value := (p_response ->> 'value')::numeric;
    if abs(v_value) >= 1e15 or v_value <> round(v_value, 6) then
      return game.answer_refusal('invalid_response', 'A number below 10^15 with at most 6 decimals');
    end if;
    return jsonb_build_object('response', jsonb_build_object('value', v_value));
  end if;
  return game.answer_refusal('invalid_response', 'Unknown question kind');
end;
$$;

create or replace function game.canonical_response(p_kind text, p_options jsonb, p_response jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_checked jsonb := game.try_canonical_response(p_kind, p_options, p_response);
begin
  if v_checked ? 'error' then
    perform game.fail(v_checked ->> 'error', v_checked ->> 'message');
  end if;
  return v_checked -> 'response';
end;
$$;

-- game.previous_answer without raising: the first result of this id, a refusal (answer_id_conflict) when the
-- id is someone else's, or null when there is no answer with this id.
create or replace function game.try_previous_answer(p_answer_id uuid, p_participant_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_answer public.answers;
begin
  select * into v_answer from public.answers a where a.id = p_answer_id;
  if not found then
    return null;
  elsif v_answer.participant_id <> p_participant_id then
    return game.answer_refusal('answer_id_conflict', 'This answer id is already used');
  end if;
  return game.answer_ack('duplicate', v_answer);
end;
$$;

-- The rules of game.submit_answer (see its comment in 20261122000900), for the caller in auth.uid(): the
-- acknowledgement {status, answer}, or a refusal {error, message} instead of an exception.
create or replace function game.try_submit_answer(p_session_id uuid, p_question_id uuid, p_answer_id uuid, p_response jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_now timestamptz;
  v_at record;
  v_answer public.answers;
  v_checked jsonb;
  v_previous jsonb;
  v_refusal jsonb;
begin
  if v_uid is null then
    return game.answer_refusal('not_authenticated', 'Sign in first');
  elsif p_answer_id is null then
    return game.answer_refusal('invalid_response', 'An answer needs its client-generated id');
  end if;
  perform pg_advisory_xact_lock_shared(7311, game.session_lock_key(p_session_id));
  v_now := clock_timestamp();

  -- The caller's participant row and the session's open question, in one lookup.
  select p.id as participant_id, p.is_kicked, p.joined_at, s.state, s.question_id, s.opened_at,
         s.timer_origin_at, s.deadline_at, s.paused_at, q.kind, q.options
  into v_at
  from public.participants p
  join public.sessions s on s.id = p.session_id
  left join public.questions q on q.id = s.question_id
  where p.session_id = p_session_id and p.user_id = v_uid;
  if not found then
    return game.answer_refusal('not_participant', 'You are not in this game');
  elsif v_at.is_kicked then
    return game.answer_refusal('kicked', 'You were removed from this game');
  end if;

  if v_at.state is distinct from 'answering' or v_at.question_id <> p_question_id then
    v_refusal := game.answer_refusal('question_not_open', 'This question is not open for answers');
  elsif v_at.joined_at > v_at.opened_at then
    v_refusal := game.answer_refusal('joined_late', 'You joined during this question; you play from the next one');
  elsif v_at.paused_at is not null and v_now > v_at.paused_at + game.answer_grace() then
    v_refusal := game.answer_refusal('question_paused', 'The question is paused');
  elsif v_at.paused_at is null and v_now > v_at.deadline_at + game.answer_grace() then
    v_refusal := game.answer_refusal('too_late', 'Time is up for this question');
  end if;
  if v_refusal is not null then
    -- A retry of an answer stored in time still gets its first result.
    return coalesce(game.try_previous_answer(p_answer_id, v_at.participant_id), v_refusal);
  end if;

  v_checked := game.try_canonical_response(v_at.kind, v_at.options, p_response);
  if v_checked ? 'error' then
    return v_checked;
  end if;
  insert into public.answers (id, session_id, question_id, participant_id, response, received_at, elapsed_ms)
  values (p_answer_id, p_session_id, p_question_id, v_at.participant_id, v_checked -> 'response', v_now,
          greatest(0, floor(extract(epoch from (least(v_now, coalesce(v_at.paused_at, v_now))
                                                - v_at.timer_origin_at)) * 1000))::integer)
  on conflict do nothing
  returning * into v_answer;
  if not found then
    -- This id is stored already (a retry: its first result), or this player answered with another id.
    return coalesce(game.try_previous_answer(p_answer_id, v_at.participant_id),
                    game.answer_refusal('already_answered', 'You have already answered this question'));
  end if;
  return game.answer_ack('accepted', v_answer);
end;
$$;

create or replace function game.submit_answer(p_session_id uuid, p_question_id uuid, p_answer_id uuid, p_response jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_result jsonb;
begin
  perform game.caller(); -- not_authenticated, as before
  v_result := game.try_submit_answer(p_session_id, p_question_id, p_answer_id, p_response);
  if v_result ? 'error' then
    perform game.fail(v_result ->> 'error', v_result ->> 'message');
  end if;
  return v_result;
end;
$$;
comment on function game.submit_answer(uuid, uuid, uuid, jsonb) is
  'A (not kicked) player of the session: answer its open question, once, keyed by a client-generated id.';

-- One answer of a batch, under its caller's claims (see game.submit_answers).
create or replace function game.submit_answer_as(p_item jsonb)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
begin
  if jsonb_typeof(p_item -> 'claims') is distinct from 'object' or p_item -> 'claims' ->> 'role' <> 'authenticated' then
    return game.answer_refusal('not_authenticated', 'Sign in first');
  end if;
  perform set_config('request.jwt.claims', p_item ->> 'claims', true),
          set_config('request.jwt.claim.sub', coalesce(p_item -> 'claims' ->> 'sub', ''), true),
          set_config('request.jwt.claim.role', 'authenticated', true);
  return game.try_submit_answer((p_item ->> 'session_id')::uuid, (p_item ->> 'question_id')::uuid,
                                (p_item ->> 'answer_id')::uuid, p_item -> 'response');
end;
$$;

-- The server's group commit: p_batch is [{claims, session_id, question_id, answer_id, response}, …], each with
-- the verified JWT claims of its caller. Each answer runs under its own caller's claims (set transaction-local,
-- as for any call), in order; the result is the array of their outcomes, acknowledgement or refusal, in the
-- same order. Not for clients: it takes claims as input, so only the server's own role may run it (no grant to
-- anon or authenticated).
create or replace function game.submit_answers(p_batch jsonb)
returns jsonb
language sql
volatile
set search_path = ''
as $$
  select coalesce(jsonb_agg(game.submit_answer_as(b.item) order by b.n), '[]'::jsonb)
  from jsonb_array_elements(p_batch) with ordinality as b(item, n)
$$;

revoke execute on all functions in schema game from public;
grant execute on function game.submit_answer(uuid, uuid, uuid, jsonb) to authenticated;
grant execute on function game.submit_answers(jsonb), game.submit_answer_as(jsonb) to service_role;
