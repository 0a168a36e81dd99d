import type { Messages } from "@/lib/i18n";
import type { SessionReport } from "@/lib/db";
import { responseText } from "@/lib/game/report-csv";
import type { OptionTexts } from "@/lib/server/get-session-report";

type Props = { report: SessionReport; options: OptionTexts; t: Messages["report"] };

/** Per player: rank, score, correct count, and each answer with ✓/✗. */
export function PlayerResults({ report, options, t }: Props) {
  return (
    <div className="overflow-x-auto rounded-2xl bg-white shadow-sm dark:bg-stone-900">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-stone-200 dark:border-stone-800">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t.rank}
            </th>
            <th scope="col" className="px-3 py-2">
              {t.nickname}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t.score}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t.correctCount}
            </th>
            {report.questions.map((q) => (
              <th key={q.id} scope="col" className="px-3 py-2" title={q.prompt}>
                Q{q.index + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.players.map((p) => (
            <tr key={p.participant_id} className="border-b border-stone-100 last:border-0 dark:border-stone-800">
              <td className="px-3 py-2 font-mono">{p.rank ?? "–"}</td>
              <th scope="row" className="px-3 py-2 font-medium">
                {p.nickname}
                {p.is_kicked && <span className="ml-1 text-xs text-stone-500">({t.kicked})</span>}
              </th>
              <td className="px-3 py-2 text-right font-mono">{p.score}</td>
              <td className="px-3 py-2 text-right font-mono">{p.correct_count}</td>
              {report.questions.map((q) => {
                const a = p.answers.find((x) => x.question_id === q.id);
                return (
                  <td key={q.id} className="max-w-40 truncate px-3 py-2">
                    {a ? (
                      <>
                        <span
                          aria-hidden="true"
                          className={
                            a.is_correct ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"
                          }
                        >
                          {a.is_correct ? "✓ " : "✗ "}
                        </span>
                        {responseText(a.response, options[q.id])}
                        <span className="sr-only">{a.is_correct ? " ✓" : " ✗"}</span>
                      </>
                    ) : (
                      "–"
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
