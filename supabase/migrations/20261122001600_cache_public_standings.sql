-- After a close, every phone's snapshot carries standings that are the same for all of them: its team's
-- standing (teams on) and, at the leaderboard and the end, the top 10. Computed per fetch that is O(N) each,
-- O(N²) per wave (every phone refetches after a reveal and at the end). They change only when the session
-- moves on (seq), a player joins or changes team, so they are computed once per seq and kept here.

create table public.public_standings (
  session_id uuid primary key references public.sessions (id) on delete cascade,
  seq bigint not null,
  top jsonb not null,
  teams jsonb
);
alter table public.public_standings enable row level security;
revoke all on public.public_standings from anon, authenticated;
comment on table public.public_standings is
  'Top 10 and team standings as players and screens see them, for the session''s current seq; read through game.* only.';

-- The computations (the former bodies of game.standings and game.team_standings).
create or replace function game.compute_standings(p_session public.sessions, p_limit integer, p_as_host boolean)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('participant_id', r.id, 'nickname', r.nickname,
                                               'team_id', r.team_id, 'score', r.shown, 'rank', r.rank)
                            order by r.rank, r.nickname_key), '[]'::jsonb)
  from (
    select p.id, p.nickname, p.nickname_key, p.team_id, x.shown, rank() over (order by x.shown desc) as rank
    from public.participants p
    cross join lateral (select game.shown_score(p_session.state, p.score, p.previous_score, p_as_host) as shown) x
    where p.session_id = p_session.id and not p.is_kicked
    order by x.shown desc, p.nickname_key
    limit greatest(p_limit, 0)
  ) r
$$;

create or replace function game.compute_team_standings(p_session public.sessions, p_as_host boolean)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select case when not p_session.teams_enabled then null else coalesce((
    select jsonb_agg(jsonb_build_object('team_id', t.id, 'name', t.name, 'member_count', t.members,
                                        'score', t.score, 'rank', t.rank) order by t.rank, t.name)
    from (
      select g.*, rank() over (order by g.score desc) as rank
      from (
        select t.id, t.name, count(p.id)::integer as members,
               case when count(p.id) = 0 then 0
                    else div(2 * sum(game.shown_score(p_session.state, p.score, p.previous_score, p_as_host))
                             + count(p.id), 2 * count(p.id))::integer end as score
        from public.teams t
        left join public.participants p on p.team_id = t.id and not p.is_kicked
        where t.session_id = p_session.id
        group by t.id, t.name
      ) g
    ) t), '[]'::jsonb) end
$$;

-- The cached row when it is for this very state of the session.
create or replace function game.cached_standings(p_session public.sessions)
returns public.public_standings
language sql
stable
set search_path = ''
as $$
  select c.* from public.public_standings c where c.session_id = p_session.id and c.seq = p_session.seq
$$;

create or replace function game.standings(p_session public.sessions, p_limit integer, p_as_host boolean)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_cached public.public_standings;
begin
  if not p_as_host and p_limit = 10 then
    v_cached := game.cached_standings(p_session);
    if v_cached.session_id is not null then
      return v_cached.top;
    end if;
  end if;
  return game.compute_standings(p_session, p_limit, p_as_host);
end;
$$;

create or replace function game.team_standings(p_session public.sessions, p_as_host boolean)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_cached public.public_standings;
begin
  if not p_as_host then
    v_cached := game.cached_standings(p_session);
    if v_cached.session_id is not null then
      return v_cached.teams;
    end if;
  end if;
  return game.compute_team_standings(p_session, p_as_host);
end;
$$;

-- Kept current by triggers: a new seq after a close stores the standings once (flow actions and kicks are
-- rare); a join or a team change drops them (the next seq, or the next read, recomputes).
create or replace function game.store_public_standings()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- Not while locked: close_question bumps seq before it scores, and players then see the previous scores.
  if new.state in ('revealed', 'leaderboard', 'finished') then
    insert into public.public_standings as c (session_id, seq, top, teams)
    values (new.id, new.seq, game.compute_standings(new, 10, false), game.compute_team_standings(new, false))
    on conflict (session_id) do update set seq = excluded.seq, top = excluded.top, teams = excluded.teams;
  else
    delete from public.public_standings c where c.session_id = new.id;
  end if;
  return null;
end;
$$;
create trigger sessions_store_public_standings
  after update of seq on public.sessions
  for each row when (new.seq is distinct from old.seq)
  execute function game.store_public_standings();

create or replace function game.drop_public_standings()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  delete from public.public_standings c where c.session_id = new.session_id;
  return null;
end;
$$;
create trigger participants_drop_public_standings
  after insert or update of team_id on public.participants
  for each row execute function game.drop_public_standings();

revoke execute on all functions in schema game from public;
