"use client";

import { useState } from "react";
import { format, type Messages } from "@/lib/i18n";
import type { HostSnapshot } from "@/lib/game/snapshot";
import type { HostCommand } from "./use-host-session";

type Props = { snapshot: HostSnapshot; send: (command: HostCommand) => void; t: Messages["console"] };

/** Players (with kick), lobby lock, late join and teams. Shown throughout: late joiners arrive mid-game too. */
export function LobbyPanel({ snapshot, send, t }: Props) {
  const { session } = snapshot;
  const players = snapshot.players.filter((p) => !p.is_kicked);
  const [teamName, setTeamName] = useState("");
  // After the end, the list is a record: no settings to change, nobody to kick.
  const isOver = session.state === "finished";
  const teamOf = (id: string | null) => snapshot.teams?.find((team) => team.id === id)?.name;
  return (
    <section
      aria-labelledby="lobby-heading"
      className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm dark:bg-stone-900"
    >
      <div className="flex items-baseline justify-between">
        <h2 id="lobby-heading" className="text-lg font-bold">
          {t.lobby}
        </h2>
        <span aria-live="polite" className="text-sm font-semibold">
          {format(t.playerCount, { count: players.length })}
        </span>
      </div>
      {!isOver && (
        <div className="flex flex-col gap-2 text-sm">
          <SettingToggle
            label={t.lock}
            checked={session.is_locked}
            onChange={(isLocked) => send({ action: "settings", isLocked })}
          />
          <SettingToggle
            label={t.lateJoin}
            checked={session.allow_late_join}
            onChange={(allowLateJoin) => send({ action: "settings", allowLateJoin })}
          />
          <SettingToggle
            label={t.teams}
            checked={session.teams_enabled}
            onChange={(teamsEnabled) => send({ action: "settings", teamsEnabled })}
          />
        </div>
      )}
      {session.teams_enabled && !isOver && (
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!teamName.trim()) return;
            send({ action: "create_team", name: teamName.trim() });
            setTeamName("");
          }}
        >
          <label htmlFor="team-name" className="sr-only">
            {t.teamName}
          </label>
          <input
            id="team-name"
            value={teamName}
            maxLength={40}
            placeholder={t.teamName}
            onChange={(e) => setTeamName(e.target.value)}
            className="min-w-0 flex-1 rounded-lg border-2 border-stone-300 px-2 py-1 dark:border-stone-700 dark:bg-stone-950"
          />
          <button
            type="submit"
            className="rounded-lg border border-stone-300 px-3 py-1 text-sm font-semibold dark:border-stone-700"
          >
            {t.addTeam}
          </button>
        </form>
      )}
      {snapshot.teams && snapshot.teams.length > 0 && (
        <ul className="flex flex-wrap gap-2 text-sm">
          {snapshot.teams.map((team) => (
            <li key={team.id} className="rounded-full bg-stone-100 px-3 py-1 dark:bg-stone-800">
              {team.name} · {team.member_count}
            </li>
          ))}
        </ul>
      )}
      {players.length === 0 ? (
        <p className="text-stone-600 dark:text-stone-400">{t.waiting}</p>
      ) : (
        <ul className="flex max-h-96 flex-col divide-y divide-stone-100 overflow-y-auto dark:divide-stone-800">
          {players.map((p) => (
            <li key={p.id} className="flex items-center justify-between gap-2 py-1.5">
              <span className="truncate">
                {p.nickname}
                {p.team_id && <span className="text-sm text-stone-500"> · {teamOf(p.team_id)}</span>}
                {session.state !== "lobby" && <span className="ml-2 font-mono text-sm text-stone-500">{p.score}</span>}
              </span>
              {!isOver && (
                <button
                  type="button"
                  onClick={() => send({ action: "kick", participantId: p.id })}
                  aria-label={format(t.kick, { name: p.nickname })}
                  className="rounded px-2 py-0.5 text-sm text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950"
                >
                  ✕
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One of the session's on/off settings, as a labelled checkbox. */
function SettingToggle(props: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="flex items-center gap-2">
      <input
        type="checkbox"
        className="size-4 accent-brand-600"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      {props.label}
    </label>
  );
}
