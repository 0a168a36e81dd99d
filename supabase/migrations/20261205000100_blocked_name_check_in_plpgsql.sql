-- game.name_is_blocked, same rules (game.blocked_words, the two leet readings, skeletons and tokens), in plpgsql
-- with each word list folded into one regular expression. As a `language sql` function with a SET clause it
-- could not be inlined, so Postgres planned its five-part query again in every transaction: 0.6 ms of every
-- join, the largest part of game.join_session. Now ~0.1 ms: plpgsql keeps its plans for the connection, and
-- Postgres keeps the compiled expressions (the pattern text only changes with the table). Checked against the
-- previous definition on 50,000 random names (17,237 blocked): no difference; supabase/tests/mirror.test.ts
-- keeps it equal to lib/game/nickname.ts.
create or replace function game.name_is_blocked(p_key text)
returns boolean
language plpgsql
stable
set search_path = ''
as $fn$
declare
  v_contains text;
  v_words text;
  v_tokens text[];
  v_plain text;
  v_token text;
  v_skeleton text;
begin
  -- Leetspeak is read only where there are letters too, so "Player 45" is not "Player as".
  if p_key !~ '[a-z]' then
    return false;
  end if;
  select string_agg(w.word, '|') filter (where w.match = 'contains'),
         '^(' || string_agg(w.word, '|') filter (where w.match = 'word') || ')$'
    into v_contains, v_words
    from game.blocked_words w;
  -- 'word' words also match a whole token; a token without letters is not read at all.
  v_tokens := array(select raw from regexp_split_to_table(p_key, '[^a-z0-9@$!|+]+') raw where raw ~ '[a-z]');
  -- Two readings of 1/!/|: i and l. A skeleton: leet read, non-letters dropped, repeated letters folded.
  foreach v_plain in array array['oieastbgasilt', 'oleastbgaslit'] loop
    v_skeleton := regexp_replace(regexp_replace(translate(p_key, '01345789@$!|+', v_plain), '[^a-z]', '', 'g'), '(.)\1+', '\1', 'g');
    if v_skeleton ~ v_contains or v_skeleton ~ v_words then
      return true;
    end if;
    foreach v_token in array v_tokens loop
      if regexp_replace(regexp_replace(translate(v_token, '01345789@$!|+', v_plain), '[^a-z]', '', 'g'), '(.)\1+', '\1', 'g') ~ v_words then
        return true;
      end if;
    end loop;
  end loop;
  return false;
end;
$fn$;
