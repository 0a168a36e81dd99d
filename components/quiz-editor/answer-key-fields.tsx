"use client";

import type { DraftQuestion } from "@/lib/game/quiz-draft";
import type { Messages } from "@/lib/i18n";
import { ChoiceOptions } from "./choice-options";
import { Field, inputClass } from "./field";

type Props = {
  question: DraftQuestion;
  idPrefix: string;
  errorFor: (field: string) => string | undefined;
  onChange: (patch: Partial<DraftQuestion>) => void;
  t: Messages["editor"];
};

/** The answer key, in the form the question's kind needs: options, true/false, accepted texts or a number. */
export function AnswerKeyFields({ question, idPrefix: id, errorFor, onChange, t }: Props) {
  return (
    <>
      {(question.kind === "single" || question.kind === "multi") && (
        <ChoiceOptions question={question} idPrefix={id} errorFor={errorFor} onChange={onChange} t={t} />
      )}
      {question.kind === "true_false" && (
        <fieldset className="flex gap-4">
          <legend className="text-sm font-semibold">{t.correct}</legend>
          {(["true", "false"] as const).map((value) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name={`${id}-tf`}
                checked={question.trueFalse === value}
                onChange={() => onChange({ trueFalse: value })}
                className="size-5 accent-brand-600"
              />
              {value === "true" ? t.trueLabel : t.falseLabel}
            </label>
          ))}
        </fieldset>
      )}
      {question.kind === "typed" && (
        <Field id={`${id}-accepted`} label={t.accepted} error={errorFor("accepted")}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              value={question.accepted}
              onChange={(e) => onChange({ accepted: e.target.value })}
              className={inputClass}
            />
          )}
        </Field>
      )}
      {question.kind === "numeric" && (
        <div className="grid grid-cols-2 gap-3">
          <Field id={`${id}-target`} label={t.target} error={errorFor("target")}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={question.target}
                onChange={(e) => onChange({ target: e.target.value })}
                className={inputClass}
              />
            )}
          </Field>
          <Field id={`${id}-tolerance`} label={t.tolerance} error={errorFor("tolerance")}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={question.tolerance}
                onChange={(e) => onChange({ tolerance: e.target.value })}
                className={inputClass}
              />
            )}
          </Field>
        </div>
      )}
    </>
  );
}
