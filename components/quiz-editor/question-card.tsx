"use client";

import { format, type Messages } from "@/lib/i18n";
import type { DraftQuestion } from "@/lib/game/quiz-draft";
import { QUESTION_KINDS } from "@/lib/game/state";
import { AnswerKeyFields } from "./answer-key-fields";
import { Field, inputClass } from "./field";

type Props = {
  question: DraftQuestion;
  index: number;
  count: number;
  rounds: string[];
  errorFor: (field: string) => string | undefined;
  onChange: (patch: Partial<DraftQuestion>) => void;
  onMove: (delta: -1 | 1) => void;
  onDelete: () => void;
  t: Messages["editor"];
};

const iconButton =
  "rounded-lg border border-stone-300 px-2 py-1 text-sm hover:bg-stone-100 disabled:opacity-30 dark:border-stone-700 dark:hover:bg-stone-800";

export function QuestionCard({ question: q, index, count, rounds, errorFor, onChange, onMove, onDelete, t }: Props) {
  const id = `q-${q.uid}`;
  const n = index + 1;
  return (
    <li
      className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm dark:bg-stone-900"
      aria-labelledby={`${id}-heading`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`${id}-heading`} className="font-bold">
          {format(t.question, { n })}
        </h3>
        <div className="flex gap-1">
          <button
            type="button"
            className={iconButton}
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label={format(t.moveUp, { n })}
          >
            ↑
          </button>
          <button
            type="button"
            className={iconButton}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
            aria-label={format(t.moveDown, { n })}
          >
            ↓
          </button>
          <button
            type="button"
            className={`${iconButton} text-red-700 dark:text-red-400`}
            onClick={onDelete}
            aria-label={format(t.deleteQuestion, { n })}
          >
            ✕
          </button>
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id={`${id}-kind`} label={t.kind}>
          {(p) => (
            <select
              {...p}
              value={q.kind}
              onChange={(e) => onChange({ kind: e.target.value as DraftQuestion["kind"] })}
              className={inputClass}
            >
              {QUESTION_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t.kinds[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-round`} label={t.round} error={errorFor("round")}>
          {(p) => (
            <select {...p} value={q.round} onChange={(e) => onChange({ round: e.target.value })} className={inputClass}>
              <option value="">{t.noRound}</option>
              {rounds.map((title, r) => (
                <option key={r} value={String(r)}>
                  {title || format(t.roundTitle, { n: r + 1 })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="grid grid-cols-2 gap-2">
          <Field id={`${id}-time`} label={t.timeLimit} error={errorFor("time_limit_s")}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={5}
                max={240}
                value={q.timeLimit}
                onChange={(e) => onChange({ timeLimit: e.target.value })}
                className={inputClass}
              />
            )}
          </Field>
          <Field id={`${id}-points`} label={t.points}>
            {(p) => (
              <select
                {...p}
                value={q.points}
                onChange={(e) => onChange({ points: Number(e.target.value) as DraftQuestion["points"] })}
                className={inputClass}
              >
                {[0, 1000, 2000].map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </div>
      <Field id={`${id}-prompt`} label={t.prompt} error={errorFor("prompt")}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            maxLength={500}
            value={q.prompt}
            onChange={(e) => onChange({ prompt: e.target.value })}
            className={inputClass}
          />
        )}
      </Field>
      <AnswerKeyFields question={q} idPrefix={id} errorFor={errorFor} onChange={onChange} t={t} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-image`} label={t.imageUrl} error={errorFor("image_url")}>
          {(p) => (
            <input
              {...p}
              type="url"
              value={q.imageUrl}
              onChange={(e) => onChange({ imageUrl: e.target.value })}
              className={inputClass}
            />
          )}
        </Field>
        <Field id={`${id}-explanation`} label={t.explanation} error={errorFor("explanation")}>
          {(p) => (
            <input
              {...p}
              maxLength={1000}
              value={q.explanation}
              onChange={(e) => onChange({ explanation: e.target.value })}
              className={inputClass}
            />
          )}
        </Field>
      </div>
    </li>
  );
}
