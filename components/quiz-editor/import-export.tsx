"use client";

import { useRef, useState } from "react";
import { format, type Messages } from "@/lib/i18n";
import { quizInputSchema, type QuizInput } from "@/lib/game/quiz";
import { quizFromCsv, quizToCsv } from "@/lib/game/quiz-csv";

type Props = { getQuiz: () => QuizInput; onImport: (quiz: QuizInput) => void; t: Messages["editor"] };

const buttonClass =
  "rounded-lg border border-stone-300 px-3 py-1.5 text-sm font-semibold hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800";

/** JSON and CSV in and out; an import that fails lists every problem with its line and field. */
export function ImportExport({ getQuiz, onImport, t }: Props) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<"json" | "csv">("json");
  const [problems, setProblems] = useState<string[]>([]);
  const [notice, setNotice] = useState("");

  const pick = (next: "json" | "csv") => {
    setKind(next);
    if (fileInput.current) {
      fileInput.current.accept = next === "json" ? "application/json,.json" : "text/csv,.csv";
      fileInput.current.click();
    }
  };

  const onFile = async (file: File) => {
    const text = await file.text();
    const title = file.name.replace(/\.(csv|json)$/i, "") || getQuiz().title;
    const result = kind === "csv" ? importCsv(text, getQuiz().title || title, t) : importJson(text);
    setProblems(result.ok ? [] : result.problems);
    setNotice(result.ok ? format(t.imported, { count: result.quiz.questions.length }) : "");
    if (result.ok) onImport(result.quiz);
  };

  const download = (name: string, type: string, body: string) => {
    const url = URL.createObjectURL(new Blob([body], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.click();
    URL.revokeObjectURL(url);
  };
  const baseName = () =>
    getQuiz()
      .title.replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-|-$/g, "") || "quiz";

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass} onClick={() => pick("json")}>
          {t.importJson}
        </button>
        <button type="button" className={buttonClass} onClick={() => pick("csv")}>
          {t.importCsv}
        </button>
        <button
          type="button"
          className={buttonClass}
          onClick={() => download(`${baseName()}.json`, "application/json", JSON.stringify(getQuiz(), null, 2))}
        >
          {t.exportJson}
        </button>
        <button
          type="button"
          className={buttonClass}
          onClick={() => download(`${baseName()}.csv`, "text/csv", quizToCsv(getQuiz()))}
        >
          {t.exportCsv}
        </button>
        <input
          ref={fileInput}
          type="file"
          className="hidden"
          data-testid="quiz-import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void onFile(file);
          }}
        />
      </div>
      <div aria-live="polite">
        {notice && <p className="text-sm text-green-800 dark:text-green-300">{notice}</p>}
        {problems.length > 0 && (
          <div role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
            <p className="font-semibold">{t.importFailed}</p>
            <ul className="list-disc pl-5">
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}

type ImportResult = { ok: true; quiz: QuizInput } | { ok: false; problems: string[] };

function importCsv(text: string, title: string, t: Messages["editor"]): ImportResult {
  const result = quizFromCsv(text, title || "Quiz");
  if (result.ok) return result;
  return {
    ok: false,
    problems: result.problems.map((p) =>
      format(t.importLine, {
        line: p.line,
        field: p.field,
        message: format(t.errors[p.code], {
          header:
            "round,kind,prompt,option1…option6,correct,accepted,target,tolerance,time_limit_s,points,image_url,explanation",
        }),
      }),
    ),
  };
}

function importJson(text: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : "JSON"] };
  }
  const parsed = quizInputSchema.safeParse(data);
  if (parsed.success) return { ok: true, quiz: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.slice(0, 20).map((i) => `${i.path.join(".") || "quiz"}: ${i.message}`),
  };
}
