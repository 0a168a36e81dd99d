-- The lobby: finding a session by PIN, joining and rejoining, screens, kicking, lobby settings, teams.

-- The caller's user id; raises not_authenticated without one.
create or replace function game.caller()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
begin
  if v_uid is null then
    perform game.fail('not_authenticated', 'Sign in first');
  end if;
  return v_uid;
end;
$$;

-- The session with this id, locked for update, provided the caller hosts it.
create or replace function game.hosted_session(p_session_id uuid)
returns public.sessions
language plpgsql
set search_path = ''
as $$
declare
  v_uid uuid := game.caller();
  v_session public.sessions;
begin
  select * into v_session from public.sessions s where s.id = p_session_id for update;
  if not found then
    perform game.fail('session_not_found', 'No such session');
  end if;
  if v_session.host_id <> v_uid then
    perform game.fail('not_host', 'Only the host of this session may do that');
  end if;
  return v_session;
end;
$$;

-- What the join page needs to know about a PIN before the player picks a name.
create or replace function game.lookup_pin(p_pin text)
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
begin
  select * into v_session from public.sessions s where s.pin = p_pin and s.state <> 'finished';
  if not found then
    perform game.fail('pin_not_found', format('No live session with PIN %s', left(p_pin, 6)));
  end if;
  select * into v_player from public.participants p where p.session_id = v_session.id and p.user_id = v_uid;
  return jsonb_build_object(
    'session', jsonb_build_object('id', v_session.id, 'title', v_session.title, 'state', v_session.state,
                                  'is_locked', v_session.is_locked, 'allow_late_join', v_session.allow_late_join,
                                  'teams_enabled', v_session.teams_enabled),
    'teams', case when v_session.teams_enabled then coalesce(
      (select jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name) order by t.name)
       from public.teams t where t.session_id = v_session.id), '[]'::jsonb) end,
    'participant', case when v_player.id is not null and not v_player.is_kicked
                        then game.participant_json(v_player) end,
    'is_kicked', coalesce(v_player.is_kicked, false),
    'can_join', case when v_player.id is not null then not v_player.is_kicked
                     else not v_session.is_locked and (v_session.state = 'lobby' or v_session.allow_late_join) end);
end;
$$;
comment on function game.lookup_pin(text) is 'Any signed-in user (players are anonymous sign-ins): look up a live session by PIN.';

-- Joins a live session by PIN, or rejoins it: the same user gets the same participant back, score intact,
-- whatever name it sends (and even when the lobby is locked). A kicked user cannot come back. Two joins
-- racing for one name: the unique index decides; the loser gets name_taken. No event: joins are not
-- broadcast one by one (a join wave would be O(N²) messages); the lobby list comes from snapshots.
create or replace function game.join_session(p_pin text, p_nickname text, p_team_id uuid default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := game.caller();
  v_session public.sessions;
  v_player public.participants;
  v_name record;
begin
  select * into v_session from public.sessions s where s.pin = p_pin and s.state <> 'finished';
  if not found then
    perform game.fail('pin_not_found', format('No live session with PIN %s', left(p_pin, 6)));
  end if;
  select * into v_player from public.participants p where p.session_id = v_session.id and p.user_id = v_uid;
  if found then
    if v_player.is_kicked then
      perform game.fail('kicked', 'You were removed from this game');
    end if;
    return jsonb_build_object('participant', game.participant_json(v_player), 'session', game.session_json(v_session),
                              'rejoined', true, 'event', null);
  end if;
  if v_session.is_locked then
    perform game.fail('lobby_locked', 'The host has locked this game');
  end if;
  if v_session.state <> 'lobby' and not v_session.allow_late_join then
    perform game.fail('late_join_closed', 'This game has started and does not take late players');
  end if;
  select * into v_name from game.check_name(p_nickname);
  if p_team_id is not null then
    if not v_session.teams_enabled then
      perform game.fail('teams_disabled', 'This game is not played in teams');
    end if;
    perform 1 from public.teams t where t.id = p_team_id and t.session_id = v_session.id;
    if not found then
      perform game.fail('team_not_found', 'No such team in this game');
    end if;
  end if;

  insert into public.participants (session_id, user_id, nickname, nickname_key, team_id)
  values (v_session.id, v_uid, v_name.display, v_name.key, p_team_id)
  on conflict do nothing
  returning * into v_player;
  if not found then
    -- Either this user joined concurrently (then this is a rejoin) or the name is taken.
    select * into v_player from public.participants p where p.session_id = v_session.id and p.user_id = v_uid;
    if found and not v_player.is_kicked then
      return jsonb_build_object('participant', game.participant_json(v_player),
                                'session', game.session_json(v_session), 'rejoined', true, 'event', null);
    end if;
    perform game.fail('name_taken', format('The name "%s" is taken in this game', v_name.display));
  end if;
  return jsonb_build_object('participant', game.participant_json(v_player), 'session', game.session_json(v_session),
                            'rejoined', false, 'event', null);
end;
$$;
comment on function game.join_session(text, text, uuid) is
  'Any signed-in user (anonymous included): join or rejoin the live session with this PIN under a nickname.';

-- Attaches the caller (typically an anonymous sign-in on a TV) to a session as a read-only screen.
create or replace function game.attach_screen(p_pin text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := game.caller();
  v_session public.sessions;
  v_screen_id uuid;
begin
  select * into v_session from public.sessions s where s.pin = p_pin and s.state <> 'finished';
  if not found then
    perform game.fail('pin_not_found', format('No live session with PIN %s', left(p_pin, 6)));
  end if;
  perform 1 from public.participants p where p.session_id = v_session.id and p.user_id = v_uid and p.is_kicked;
  if found then
    perform game.fail('kicked', 'You were removed from this game');
  end if;
  insert into public.screens (session_id, user_id) values (v_session.id, v_uid)
  on conflict (session_id, user_id) do update set attached_at = now()
  returning id into v_screen_id;
  return jsonb_build_object('screen_id', v_screen_id, 'session', game.session_json(v_session), 'event', null);
end;
$$;
comment on function game.attach_screen(text) is 'Any signed-in user: attach as a read-only screen to the live session with this PIN.';

-- Lobby settings; a null argument leaves that setting as it is. Teams can be switched only in the lobby.
create or replace function game.update_session_settings(
  p_session_id uuid, p_is_locked boolean default null, p_allow_late_join boolean default null,
  p_teams_enabled boolean default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_session public.sessions := game.hosted_session(p_session_id);
begin
  if v_session.state = 'finished' then
    perform game.fail('invalid_state', 'The game is over');
  end if;
  if p_teams_enabled is not null and p_teams_enabled <> v_session.teams_enabled and v_session.state <> 'lobby' then
    perform game.fail('invalid_state', 'Teams can be switched on or off only in the lobby');
  end if;
  update public.sessions s
  set is_locked = coalesce(p_is_locked, s.is_locked),
      allow_late_join = coalesce(p_allow_late_join, s.allow_late_join),
      teams_enabled = coalesce(p_teams_enabled, s.teams_enabled),
      seq = s.seq + 1
  where s.id = p_session_id
  returning * into v_session;
  return jsonb_build_object('event', game.event(v_session, 'settings_changed', jsonb_build_object(
    'is_locked', v_session.is_locked, 'allow_late_join', v_session.allow_late_join,
    'teams_enabled', v_session.teams_enabled)));
end;
$$;
comment on function game.update_session_settings(uuid, boolean, boolean, boolean) is
  'The session''s host: lock/unlock the lobby, allow late joins, switch teams (lobby only).';

-- Removes a player. The player's identity cannot rejoin, loses the realtime channel (RLS), and no longer
-- counts in "N of M", standings or team means.
create or replace function game.kick_participant(p_session_id uuid, p_participant_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_session public.sessions := game.hosted_session(p_session_id);
  v_player public.participants;
begin
  select * into v_player from public.participants p where p.id = p_participant_id and p.session_id = p_session_id;
  if not found then
    perform game.fail('participant_not_found', 'No such player in this game');
  end if;
  if v_player.is_kicked then
    return jsonb_build_object('event', null);
  end if;
  update public.participants p set is_kicked = true, kicked_at = clock_timestamp() where p.id = p_participant_id;
  update public.sessions s set seq = s.seq + 1 where s.id = p_session_id returning * into v_session;
  return jsonb_build_object('event', game.event(v_session, 'player_kicked',
                                                jsonb_build_object('participant_id', p_participant_id)));
end;
$$;
comment on function game.kick_participant(uuid, uuid) is 'The session''s host: remove a player for good.';

-- Creates a team. The host may do so until the end; a player only in the lobby, and joins the new team.
create or replace function game.create_team(p_session_id uuid, p_name text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := game.caller();
  v_session public.sessions;
  v_player public.participants;
  v_name record;
  v_team public.teams;
begin
  select * into v_session from public.sessions s where s.id = p_session_id for update;
  if not found then
    perform game.fail('session_not_found', 'No such session');
  end if;
  if v_session.host_id <> v_uid then
    select * into v_player from public.participants p where p.session_id = p_session_id and p.user_id = v_uid;
    if not found then
      perform game.fail('not_participant', 'You are not in this game');
    elsif v_player.is_kicked then
      perform game.fail('kicked', 'You were removed from this game');
    elsif v_session.state <> 'lobby' then
      perform game.fail('invalid_state', 'Players create teams in the lobby');
    end if;
  end if;
  if v_session.state = 'finished' then
    perform game.fail('invalid_state', 'The game is over');
  end if;
  if not v_session.teams_enabled then
    perform game.fail('teams_disabled', 'This game is not played in teams');
  end if;
  if (select count(*) from public.teams t where t.session_id = p_session_id) >= 50 then
    perform game.fail('too_many_teams', 'A game has at most 50 teams');
  end if;
  select * into v_name from game.check_name(p_name);
  insert into public.teams (session_id, name, name_key) values (p_session_id, v_name.display, v_name.key)
  on conflict (session_id, name_key) do nothing
  returning * into v_team;
  if not found then
    perform game.fail('name_taken', format('The team name "%s" is taken in this game', v_name.display));
  end if;
  if v_player.id is not null then
    update public.participants p set team_id = v_team.id where p.id = v_player.id;
  end if;
  update public.sessions s set seq = s.seq + 1 where s.id = p_session_id returning * into v_session;
  return jsonb_build_object('team', jsonb_build_object('id', v_team.id, 'name', v_team.name),
    'event', game.event(v_session, 'team_created', jsonb_build_object(
      'team', jsonb_build_object('id', v_team.id, 'name', v_team.name))));
end;
$$;
comment on function game.create_team(uuid, text) is
  'The session''s host (until the end) or one of its players (in the lobby, joining it): create a team.';

-- A player picks a team: in the lobby, or later if they have none yet. Not broadcast (like joins).
create or replace function game.pick_team(p_session_id uuid, p_team_id uuid)
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
  select * into v_player from public.participants p where p.session_id = p_session_id and p.user_id = v_uid;
  if not found then
    perform game.fail('not_participant', 'You are not in this game');
  elsif v_player.is_kicked then
    perform game.fail('kicked', 'You were removed from this game');
  end if;
  select * into v_session from public.sessions s where s.id = p_session_id;
  if not v_session.teams_enabled then
    perform game.fail('teams_disabled', 'This game is not played in teams');
  end if;
  if v_session.state = 'finished' or (v_session.state <> 'lobby' and v_player.team_id is not null) then
    perform game.fail('invalid_state', 'Teams can be changed only in the lobby');
  end if;
  perform 1 from public.teams t where t.id = p_team_id and t.session_id = p_session_id;
  if not found then
    perform game.fail('team_not_found', 'No such team in this game');
  end if;
  update public.participants p set team_id = p_team_id where p.id = v_player.id returning * into v_player;
  return jsonb_build_object('participant', game.participant_json(v_player), 'event', null);
end;
$$;
comment on function game.pick_team(uuid, uuid) is 'A player of the session: pick a team (lobby, or first pick later).';

revoke execute on all functions in schema game from public;
grant execute on function game.lookup_pin(text), game.join_session(text, text, uuid), game.attach_screen(text),
  game.update_session_settings(uuid, boolean, boolean, boolean), game.kick_participant(uuid, uuid),
  game.create_team(uuid, text), game.pick_team(uuid, uuid)
  to authenticated;
