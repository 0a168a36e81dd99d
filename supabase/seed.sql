-- A small demo quiz for a development host. Seeds run after the migrations (supabase db reset, or
-- `psql -f supabase/seed.sql` against the local stack). Users are not created here (a seeded password
-- would be a known password): sign up first as the demo host, then run this file again. With no such user
-- it does nothing, so it never fails on an empty database.
--
-- The host's email: `set pubquiz.demo_host_email = 'you@example.com'` before running, else host@pubquiz.local.

do $$
declare
  v_email text := coalesce(nullif(current_setting('pubquiz.demo_host_email', true), ''), 'host@pubquiz.local');
  v_host_id uuid;
  v_title constant text := 'Demo: pub quiz warm-up';
begin
  select u.id into v_host_id from auth.users u
  where lower(u.email) = lower(v_email) and not u.is_anonymous
  limit 1;
  if v_host_id is null then
    raise notice 'seed: no user with email %, skipping the demo quiz (sign up, then run the seed again)', v_email;
    return;
  end if;
  if exists (select 1 from public.quizzes q where q.host_id = v_host_id and q.title = v_title) then
    raise notice 'seed: % already has the demo quiz', v_email;
    return;
  end if;

  -- Create it as the host would: game.create_quiz reads the caller from the JWT claims.
  perform set_config('request.jwt.claims',
                     json_build_object('sub', v_host_id, 'role', 'authenticated', 'is_anonymous', false)::text, true);
  perform set_config('request.jwt.claim.sub', v_host_id::text, true);
  perform game.create_quiz($quiz$
  {
    "title": "Demo: pub quiz warm-up",
    "description": "One question of each kind, to try the game end to end.",
    "rounds": [{"title": "Warm-up"}, {"title": "The tricky ones"}],
    "questions": [
      {"round": 0, "kind": "single", "prompt": "Which planet is known as the Red Planet?", "time_limit_s": 20,
       "options": [{"id": "a", "text": "Venus"}, {"id": "b", "text": "Mars"}, {"id": "c", "text": "Jupiter"}, {"id": "d", "text": "Saturn"}],
       "key": {"correct_option_ids": ["b"]}, "explanation": "Iron oxide dust gives Mars its colour."},
      {"round": 0, "kind": "true_false", "prompt": "The Great Wall of China is visible from the Moon with the naked eye.",
       "time_limit_s": 10, "key": {"correct_option_ids": ["false"]}, "explanation": "It is far too narrow."},
      {"round": 1, "kind": "multi", "prompt": "Which of these are prime numbers?", "time_limit_s": 30,
       "options": [{"id": "a", "text": "2"}, {"id": "b", "text": "9"}, {"id": "c", "text": "13"}, {"id": "d", "text": "21"}, {"id": "e", "text": "29"}],
       "key": {"correct_option_ids": ["a", "c", "e"]}},
      {"round": 1, "kind": "typed", "prompt": "What is the capital of Iceland?", "time_limit_s": 30, "points": 2000,
       "key": {"accepted_answers": ["Reykjavík", "Reykjavik"]}},
      {"round": 1, "kind": "numeric", "prompt": "In what year did the Berlin Wall fall?", "time_limit_s": 20,
       "key": {"target": 1989, "tolerance": 10}}
    ]
  }
  $quiz$::jsonb);
  raise notice 'seed: demo quiz created for %', v_email;
end;
$$;
