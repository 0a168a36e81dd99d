import { format, type Messages } from "@/lib/i18n";
import type { SessionReport } from "@/lib/db";
import type { OptionTexts } from "@/lib/server/get-session-report";

type Props = { report: SessionReport; options: OptionTexts; t: Messages };

/** Per question: distribution (correct options marked with ✓, not by colour alone), correct %, mean time. */
export function QuestionResults({ report, options, t }: Props) {
  return (
    <ol className="flex flex-col gap-3">
      {report.questions.map((q) => {
        const total = Math.max(1, q.stats.answer_count);
        const texts = options[q.id] ?? {};
        return (
          <li key={q.id} className="rounded-2xl bg-white p-4 shadow-sm dark:bg-stone-900">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-bold">
                {q.index + 1}. {q.prompt}
              </h3>
              <p className="text-sm text-stone-600 dark:text-stone-400">
                {t.report.answers}: {q.stats.answer_count} · {t.report.correctPct}:{" "}
                {q.correct_pct === null ? "–" : `${Math.round(q.correct_pct)}%`} · {t.report.meanTime}:{" "}
                {q.stats.mean_elapsed_ms === null
                  ? "–"
                  : format(t.report.seconds, { seconds: (q.stats.mean_elapsed_ms / 1000).toFixed(1) })}
              </p>
            </div>
            {q.stats.distribution ? (
              <ul className="mt-2 flex flex-col gap-1">
                {q.stats.distribution.map((d) => {
                  const isCorrect = q.key.correct_option_ids.includes(d.option_id);
                  return (
                    <li
                      key={d.option_id}
                      className="grid grid-cols-[minmax(6rem,14rem)_1fr_3rem] items-center gap-2 text-sm"
                    >
                      <span className={`truncate ${isCorrect ? "font-bold" : ""}`}>
                        {isCorrect && <span aria-label={t.console.correctAnswer}>✓ </span>}
                        {texts[d.option_id] ?? d.option_id}
                      </span>
                      <span className="h-2.5 rounded-full bg-stone-100 dark:bg-stone-800">
                        <span
                          className={`block h-2.5 rounded-full ${isCorrect ? "bg-green-600" : "bg-stone-400"}`}
                          style={{ width: `${Math.round((d.count / total) * 100)}%` }}
                        />
                      </span>
                      <span className="text-right font-mono">{d.count}</span>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="mt-2 text-sm">
                {q.kind === "numeric"
                  ? `${t.console.correctAnswer}: ${format(t.console.targetAnswer, { target: q.key.target ?? "", tolerance: q.key.tolerance ?? 0 })}`
                  : format(t.console.accepted, { answers: q.key.accepted_answers.join(", ") })}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
