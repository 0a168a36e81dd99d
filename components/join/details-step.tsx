"use client";

import type { FormEvent } from "react";
import type { Messages } from "@/lib/i18n";
import { primaryButton, secondaryButton, textInput } from "@/components/ui/styles";
import { TeamPicker, type TeamChoice } from "./team-picker";

export function DetailsStep(props: {
  t: Messages;
  title: string;
  nickname: string;
  teams: { id: string; name: string }[] | null;
  teamChoice: TeamChoice;
  isBusy: boolean;
  onNicknameChange: (nickname: string) => void;
  onTeamChange: (choice: TeamChoice) => void;
  onSubmit: () => void;
  onBack: () => void;
}) {
  const { t } = props;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  const needsTeam = props.teams !== null && props.teamChoice.teamId === null;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      <p className="text-center text-2xl font-bold">{props.title}</p>
      <label htmlFor="join-nickname" className="text-sm font-semibold uppercase tracking-wide">
        {t.join.nicknameLabel}
      </label>
      <input
        id="join-nickname"
        name="nickname"
        autoComplete="nickname"
        autoCapitalize="words"
        maxLength={20}
        required
        autoFocus
        value={props.nickname}
        onChange={(event) => props.onNicknameChange(event.target.value)}
        className={textInput}
      />
      {props.teams !== null && (
        <TeamPicker t={t} teams={props.teams} choice={props.teamChoice} onChange={props.onTeamChange} />
      )}
      {needsTeam && <p className="text-sm text-stone-600 dark:text-stone-300">{t.join.teamNone}</p>}
      <button
        type="submit"
        className={primaryButton}
        disabled={props.isBusy || props.nickname.trim() === "" || needsTeam}
      >
        {props.isBusy ? t.join.joining : t.join.joinButton}
      </button>
      <button type="button" onClick={props.onBack} className={secondaryButton}>
        {t.join.changePin}
      </button>
    </form>
  );
}
