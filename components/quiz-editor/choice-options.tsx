"use client";

import { format, type Messages } from "@/lib/i18n";
import type { DraftQuestion } from "@/lib/game/quiz-draft";
import { inputClass } from "./field";

type Props = {
  question: DraftQuestion;
  idPrefix: string;
  errorFor: (field: string) => string | undefined;
  onChange: (patch: Partial<DraftQuestion>) => void;
  t: Messages["editor"];
};

/** Option texts with their "correct" marks: radio buttons for single choice, checkboxes for multi. */
export function ChoiceOptions({ question, idPrefix, errorFor, onChange, t }: Props) {
  const isMulti = question.kind === "multi";
  const setText = (j: number, text: string) =>
    onChange({ options: question.options.map((o, k) => (k === j ? text : o)) });
  const toggle = (j: number) =>
    onChange({
      correct: isMulti
        ? question.correct.includes(j)
          ? question.correct.filter((k) => k !== j)
          : [...question.correct, j]
        : [j],
    });
  const remove = (j: number) =>
    onChange({
      options: question.options.filter((_, k) => k !== j),
      correct: question.correct.filter((k) => k !== j).map((k) => (k > j ? k - 1 : k)),
    });
  const optionsError = errorFor("options") ?? errorFor("correct");
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={optionsError ? `${idPrefix}-options-error` : undefined}>
      <legend className="text-sm font-semibold">{t.correct}</legend>
      {question.options.map((text, j) => {
        const error = errorFor(`options.${j}`);
        const id = `${idPrefix}-option-${j}`;
        return (
          <div key={j} className="flex items-start gap-2">
            <input
              type={isMulti ? "checkbox" : "radio"}
              name={`${idPrefix}-correct`}
              checked={question.correct.includes(j)}
              onChange={() => toggle(j)}
              aria-label={`${t.correct}: ${format(t.option, { n: j + 1 })}`}
              className="mt-2.5 size-5 accent-brand-600"
            />
            <div className="flex flex-1 flex-col">
              <label htmlFor={id} className="sr-only">
                {format(t.option, { n: j + 1 })}
              </label>
              <input
                id={id}
                value={text}
                maxLength={200}
                placeholder={format(t.option, { n: j + 1 })}
                onChange={(e) => setText(j, e.target.value)}
                aria-invalid={error ? true : undefined}
                className={inputClass}
              />
              {error && <p className="text-sm text-red-700 dark:text-red-400">{error}</p>}
            </div>
            <button
              type="button"
              onClick={() => remove(j)}
              disabled={question.options.length <= 2}
              aria-label={format(t.removeOption, { n: j + 1 })}
              className="rounded-lg px-2 py-1.5 text-stone-600 hover:bg-stone-100 disabled:opacity-30 dark:text-stone-400 dark:hover:bg-stone-800"
            >
              ✕
            </button>
          </div>
        );
      })}
      {question.options.length < 6 && (
        <button
          type="button"
          onClick={() => onChange({ options: [...question.options, ""] })}
          className="self-start text-sm font-semibold text-brand-700 underline dark:text-brand-500"
        >
          {t.addOption}
        </button>
      )}
      {optionsError && (
        <p id={`${idPrefix}-options-error`} className="text-sm text-red-700 dark:text-red-400">
          {optionsError}
        </p>
      )}
    </fieldset>
  );
}
