-- Private broadcast channels: one topic per session, `session:<session id>`. A client may listen when it is
-- the session's host, one of its (not kicked) players, or an attached screen. There is no insert policy:
-- clients never send; the server broadcasts with the service key, which bypasses RLS.
-- Realtime authorizes a join by inserting probe rows for the channel's topic and selecting them under the
-- caller's role and claims with `realtime.topic` set; the policy also requires the row's own topic to be
-- that topic, so no one reads another session's stored messages by setting the topic to their own.

create or replace function game.can_receive(p_topic text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when p_topic ~ '^session:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      game.is_session_host(substr(p_topic, 9)::uuid)
      or game.is_session_player(substr(p_topic, 9)::uuid)
      or game.is_session_screen(substr(p_topic, 9)::uuid)
    else false
  end
$$;
comment on function game.can_receive(text) is
  'Realtime policy helper, any authenticated caller: may the caller listen on this topic (session:<id>)?';
revoke execute on function game.can_receive(text) from public;
grant execute on function game.can_receive(text) to authenticated;

create policy "Session members receive their session's broadcasts" on realtime.messages
  for select to authenticated
  using (
    extension in ('broadcast', 'presence')
    and topic = (select realtime.topic())
    and game.can_receive((select realtime.topic()))
  );
