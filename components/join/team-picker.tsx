"use client";

import type { Messages } from "@/lib/i18n";
import { focusRing, textInput } from "@/components/ui/styles";

/** `teamId` is an existing team's id, or "new" to create `teamName`. */
export type TeamChoice = { teamId: string | null; teamName: string };

export function TeamPicker(props: {
  t: Messages;
  teams: { id: string; name: string }[];
  choice: TeamChoice;
  onChange: (choice: TeamChoice) => void;
}) {
  const { t, choice } = props;
  const option = (id: string, label: string) => (
    <label
      key={id}
      className={`flex cursor-pointer items-center gap-3 rounded-xl border-2 px-4 py-3 text-lg has-checked:border-brand-600 has-checked:bg-brand-50 dark:has-checked:bg-stone-800 border-stone-300 dark:border-stone-600 has-focus-visible:outline-4 has-focus-visible:outline-brand-500`}
    >
      <input
        type="radio"
        name="team"
        value={id}
        checked={choice.teamId === id}
        onChange={() => props.onChange({ ...choice, teamId: id })}
        className="size-5 accent-brand-600"
      />
      {label}
    </label>
  );
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 text-sm font-semibold uppercase tracking-wide">{t.join.teamLabel}</legend>
      {props.teams.map((team) => option(team.id, team.name))}
      {option("new", t.join.teamCreate)}
      {choice.teamId === "new" && (
        <input
          aria-label={t.join.teamNamePlaceholder}
          placeholder={t.join.teamNamePlaceholder}
          maxLength={40}
          required
          value={choice.teamName}
          onChange={(event) => props.onChange({ ...choice, teamName: event.target.value })}
          className={`${textInput} ${focusRing}`}
        />
      )}
    </fieldset>
  );
}
