"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { saveQuizAction } from "@/app/(host)/host/quizzes/actions";
import { format, type Messages } from "@/lib/i18n";
import { draftToQuiz, newQuestion, quizToDraft, type Draft, type DraftQuestion } from "@/lib/game/quiz-draft";
import { Field, inputClass } from "./field";
import { ImportExport } from "./import-export";
import { QuestionCard } from "./question-card";
import { RoundsEditor } from "./rounds-editor";
import { readStoredDraft, useDraftStorage } from "./use-draft-storage";

type Props = { quizId: string | null; initial: Draft; t: Messages["editor"] };

/** Client-only (it reads the stored draft while rendering): load it through quiz-editor-loader. */
export function QuizEditor({ quizId, initial, t }: Props) {
  const router = useRouter();
  const storageKey = `pubquiz-draft-${quizId ?? "new"}`;
  const [restored] = useState(() => readStoredDraft(storageKey));
  const [isRestored, setIsRestored] = useState(restored !== null);
  const [draft, setDraft] = useState(restored ?? initial);
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(initial));
  const [showErrors, setShowErrors] = useState(false);
  const [status, setStatus] = useState("");
  const [isSaving, startSaving] = useTransition();
  const isDirty = JSON.stringify(draft) !== savedJson;
  useDraftStorage(storageKey, draft, isDirty);
  const { quiz, issues } = useMemo(() => draftToQuiz(draft), [draft]);

  const errorFor = (path: string) => {
    if (!showErrors) return undefined;
    const issue = issues.find((i) => i.field === path);
    return issue ? t.errors[issue.code] : undefined;
  };
  const updateQuestion = (i: number, patch: Partial<DraftQuestion>) =>
    setDraft((d) => ({ ...d, questions: d.questions.map((q, k) => (k === i ? { ...q, ...patch } : q)) }));
  const moveQuestion = (i: number, delta: -1 | 1) =>
    setDraft((d) => {
      const questions = [...d.questions];
      const [moved] = questions.splice(i, 1);
      if (moved) questions.splice(i + delta, 0, moved);
      return { ...d, questions };
    });
  const removeRound = (r: number) =>
    setDraft((d) => ({
      ...d,
      rounds: d.rounds.filter((_, k) => k !== r),
      questions: d.questions.map((q) => {
        const round = q.round === "" ? -1 : Number(q.round);
        return { ...q, round: round === r ? "" : round > r ? String(round - 1) : q.round };
      }),
    }));

  const save = () => {
    setShowErrors(true);
    if (issues.length > 0) {
      setStatus(format(t.fixErrors, { count: issues.length }));
      return;
    }
    startSaving(async () => {
      // Offline or a server crash: the draft stays in localStorage, so the host can simply try again.
      const result = await saveQuizAction(quizId, quiz).catch(() => ({
        ok: false as const,
        code: "internal",
        message: "",
      }));
      if (!result.ok) {
        setStatus(
          result.code === "invalid_state"
            ? t.liveSession
            : result.code === "internal"
              ? t.saveFailed
              : result.message || t.errors.invalid,
        );
        return;
      }
      setSavedJson(JSON.stringify(draft));
      window.localStorage.removeItem(storageKey);
      setStatus(t.saved);
      if (!quizId) router.replace(`/host/quizzes/${result.quizId}`);
    });
  };

  return (
    <form
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      noValidate
    >
      {isRestored && (
        <p
          role="status"
          className="flex flex-wrap items-center gap-3 rounded-lg bg-amber-100 p-3 text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          {t.draftRestored}
          <button
            type="button"
            className="font-semibold underline"
            onClick={() => {
              setDraft(initial);
              setIsRestored(false);
            }}
          >
            {t.discardDraft}
          </button>
        </p>
      )}
      <div className="flex flex-col gap-4 rounded-2xl bg-white p-4 shadow-sm dark:bg-stone-900">
        <Field id="quiz-title" label={t.quizTitle} error={errorFor("title")}>
          {(p) => (
            <input
              {...p}
              value={draft.title}
              maxLength={120}
              onChange={(e) => setDraft((d) => ({ ...d, title: e.target.value }))}
              className={`${inputClass} text-lg`}
            />
          )}
        </Field>
        <RoundsEditor
          rounds={draft.rounds}
          errorFor={errorFor}
          onChange={(rounds) => setDraft((d) => ({ ...d, rounds }))}
          onRemove={removeRound}
          t={t}
        />
        <ImportExport
          getQuiz={() => quiz}
          onImport={(q) => {
            setDraft(quizToDraft(q, () => crypto.randomUUID()));
            setShowErrors(true);
          }}
          t={t}
        />
      </div>
      <ol className="flex flex-col gap-4">
        {draft.questions.map((q, i) => (
          <QuestionCard
            key={q.uid}
            question={q}
            index={i}
            count={draft.questions.length}
            rounds={draft.rounds}
            errorFor={(field) => errorFor(`questions.${i}.${field}`)}
            onChange={(patch) => updateQuestion(i, patch)}
            onMove={(delta) => moveQuestion(i, delta)}
            onDelete={() => setDraft((d) => ({ ...d, questions: d.questions.filter((_, k) => k !== i) }))}
            t={t}
          />
        ))}
      </ol>
      {errorFor("questions") && <p className="text-red-700 dark:text-red-400">{errorFor("questions")}</p>}
      <button
        type="button"
        onClick={() =>
          setDraft((d) => ({
            ...d,
            questions: [...d.questions, newQuestion(crypto.randomUUID(), d.questions.at(-1)?.round ?? "")],
          }))
        }
        className="self-start rounded-xl border-2 border-dashed border-stone-400 px-4 py-2 font-semibold hover:bg-white dark:hover:bg-stone-900"
      >
        {t.addQuestion}
      </button>
      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-stone-200 bg-brand-50/95 py-3 dark:border-stone-800 dark:bg-stone-950/95">
        <button
          type="submit"
          disabled={isSaving}
          className="rounded-xl bg-brand-700 px-6 py-2 text-lg font-bold text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {isSaving ? t.saving : t.save}
        </button>
        <span role="status" aria-live="polite" className="text-sm">
          {status || (isDirty ? t.unsaved : "")}
        </span>
        <Link
          href="/host"
          className="ml-auto text-sm underline"
          onClick={(e) => {
            if (isDirty && !window.confirm(t.leaveWarning)) e.preventDefault();
          }}
        >
          {t.back}
        </Link>
      </div>
    </form>
  );
}
