"use client";

import { useState, type FormEvent } from "react";
import type { AnswerResponse, PublicQuestion } from "@/lib/game/shapes";
import type { Messages } from "@/lib/i18n";
import { focusRing, primaryButton, textInput } from "@/components/ui/styles";
import { optionColour, optionMark } from "@/components/ui/option-marks";
import { optionLabel } from "./describe-answer";

type InputProps = {
  question: PublicQuestion;
  t: Messages["player"];
  isDisabled: boolean;
  onSubmit: (response: AnswerResponse) => void;
};

export function AnswerInputs(props: InputProps) {
  switch (props.question.kind) {
    case "single":
    case "true_false":
      return <ChoiceButtons {...props} />;
    case "multi":
      return <MultiChoice {...props} />;
    case "typed":
    case "numeric":
      return <FreeAnswer {...props} />;
  }
}

function ChoiceButtons({ question, t, isDisabled, onSubmit }: InputProps) {
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      {question.options.map((option, index) => (
        <button
          key={option.id}
          type="button"
          disabled={isDisabled}
          onClick={() => onSubmit({ choices: [option.id] })}
          className={`flex min-h-20 items-center gap-3 rounded-2xl px-5 py-4 text-left text-2xl font-bold text-white disabled:opacity-50 ${optionColour(index)} ${focusRing}`}
        >
          <span aria-hidden="true">{optionMark(index)}</span>
          {optionLabel(question, option, t)}
        </button>
      ))}
    </div>
  );
}

function MultiChoice({ question, t, isDisabled, onSubmit }: InputProps) {
  const [picked, setPicked] = useState<string[]>([]);
  const onFormSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (picked.length > 0) onSubmit({ choices: picked });
  };
  return (
    <form onSubmit={onFormSubmit} className="flex flex-col gap-3">
      <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2" disabled={isDisabled}>
        <legend className="mb-2 text-lg">{t.pickOne}</legend>
        {question.options.map((option, index) => (
          <label
            key={option.id}
            className={`flex min-h-20 cursor-pointer items-center gap-3 rounded-2xl px-5 py-4 text-2xl font-bold text-white has-checked:ring-8 has-checked:ring-stone-900 dark:has-checked:ring-white has-focus-visible:outline-4 has-focus-visible:outline-brand-500 ${optionColour(index)}`}
          >
            <input
              type="checkbox"
              className="size-7 shrink-0"
              checked={picked.includes(option.id)}
              onChange={(event) =>
                setPicked((current) =>
                  event.target.checked ? [...current, option.id] : current.filter((id) => id !== option.id),
                )
              }
            />
            <span aria-hidden="true">{optionMark(index)}</span>
            {optionLabel(question, option, t)}
          </label>
        ))}
      </fieldset>
      <button type="submit" className={primaryButton} disabled={isDisabled || picked.length === 0}>
        {t.submit}
      </button>
    </form>
  );
}

function FreeAnswer({ question, t, isDisabled, onSubmit }: InputProps) {
  const [value, setValue] = useState("");
  const isNumeric = question.kind === "numeric";
  const parsed = Number(value.replace(",", "."));
  const isValid = isNumeric ? value.trim() !== "" && Number.isFinite(parsed) : value.trim() !== "";
  const onFormSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!isValid) return;
    onSubmit(isNumeric ? { value: parsed } : { text: value.trim() });
  };
  return (
    <form onSubmit={onFormSubmit} className="flex flex-col gap-3">
      <input
        aria-label={isNumeric ? t.numberPlaceholder : t.textPlaceholder}
        placeholder={isNumeric ? t.numberPlaceholder : t.textPlaceholder}
        inputMode={isNumeric ? "decimal" : "text"}
        autoComplete="off"
        maxLength={200}
        disabled={isDisabled}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        className={`${textInput} text-2xl`}
      />
      <button type="submit" className={primaryButton} disabled={isDisabled || !isValid}>
        {t.submit}
      </button>
    </form>
  );
}
