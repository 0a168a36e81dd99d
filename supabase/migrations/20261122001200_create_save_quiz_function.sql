-- Editing a quiz: replaces its title, rounds, questions and keys in one call.

-- Security INVOKER, like game.create_quiz: every delete and insert runs under the caller's RLS, so a host
-- can only ever touch their own rows even if a check below were wrong; the explicit owner check just gives
-- a clear error code. Refused while a session of the quiz is running, because a live session reads these
-- questions. Finished sessions keep their answers (answers carry question ids, not a foreign key), but
-- replaced questions no longer appear in their reports.
-- Input: as game.create_quiz. Returns the quiz id.
create or replace function game.save_quiz(p_quiz_id uuid, p_quiz jsonb)
returns uuid
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if auth.uid() is null then
    perform game.fail('not_authenticated', 'Sign in first');
  end if;
  if coalesce((auth.jwt() ->> 'is_anonymous')::boolean, false) then
    perform game.fail('not_host', 'Sign in with an account to write quizzes');
  end if;
  perform 1 from public.quizzes q where q.id = p_quiz_id and q.host_id = auth.uid() for update;
  if not found then
    perform game.fail('quiz_not_found', 'No such quiz of yours');
  end if;
  if exists (select 1 from public.sessions s where s.quiz_id = p_quiz_id and s.state <> 'finished') then
    perform game.fail('invalid_state', 'A session of this quiz is running; end it before editing');
  end if;
  if jsonb_typeof(p_quiz -> 'questions') is distinct from 'array' then
    perform game.fail('quiz_invalid', 'questions must be an array');
  end if;
  begin
    update public.quizzes
    set title = p_quiz ->> 'title', description = p_quiz ->> 'description', updated_at = now()
    where id = p_quiz_id;
    delete from public.questions where quiz_id = p_quiz_id;
    delete from public.rounds where quiz_id = p_quiz_id;

    perform game.write_quiz_content(p_quiz_id, p_quiz);
  exception
    when check_violation or not_null_violation or invalid_text_representation or numeric_value_out_of_range
      or foreign_key_violation then
      perform game.fail('quiz_invalid', sqlerrm);
    when insufficient_privilege then
      perform game.fail('not_host', sqlerrm);
  end;
  return p_quiz_id;
end;
$$;
comment on function game.save_quiz(uuid, jsonb) is
  'Signed-in hosts, for their own quiz with no running session: replace its rounds, questions and keys. Security invoker: RLS applies to every write.';

revoke execute on function game.save_quiz(uuid, jsonb) from public;
grant execute on function game.save_quiz(uuid, jsonb) to authenticated;
