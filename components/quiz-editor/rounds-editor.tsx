"use client";

import { format, type Messages } from "@/lib/i18n";
import { Field, inputClass } from "./field";

type Props = {
  rounds: string[];
  errorFor: (field: string) => string | undefined;
  onChange: (rounds: string[]) => void;
  onRemove: (index: number) => void;
  t: Messages["editor"];
};

export function RoundsEditor({ rounds, errorFor, onChange, onRemove, t }: Props) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-semibold">{t.rounds}</legend>
      {rounds.map((title, r) => (
        <div key={r} className="flex items-end gap-2">
          <Field
            id={`round-${r}`}
            label={format(t.roundTitle, { n: r + 1 })}
            error={errorFor(`rounds.${r}`)}
            className="flex-1"
          >
            {(p) => (
              <input
                {...p}
                value={title}
                maxLength={120}
                onChange={(e) => onChange(rounds.map((x, k) => (k === r ? e.target.value : x)))}
                className={inputClass}
              />
            )}
          </Field>
          <button
            type="button"
            onClick={() => onRemove(r)}
            className="mb-1 rounded-lg px-2 py-1.5 text-sm text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950"
          >
            {t.removeRound}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => onChange([...rounds, ""])}
        className="self-start text-sm font-semibold text-brand-700 underline dark:text-brand-500"
      >
        {t.addRound}
      </button>
    </fieldset>
  );
}
